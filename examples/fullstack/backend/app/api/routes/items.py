from fastapi import APIRouter, HTTPException, status

from app.api.deps import CurrentUser
from app.models import ITEMS, Item, ItemCreate

router = APIRouter(prefix="/items", tags=["items"])


@router.get("/", response_model=list[Item])
def list_items(skip: int = 0, limit: int = 100) -> list[Item]:
    return list(ITEMS.values())[skip : skip + limit]


@router.post("/", response_model=Item, status_code=status.HTTP_201_CREATED)
def create_item(body: ItemCreate, current_user: CurrentUser) -> Item:
    item = Item(id=max(ITEMS, default=0) + 1, owner_id=current_user.id, **body.model_dump())
    ITEMS[item.id] = item
    return item


@router.get("/{item_id}", response_model=Item)
def read_item(item_id: int) -> Item:
    item = ITEMS.get(item_id)
    if item is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "Item not found")
    return item


@router.delete("/{item_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_item(item_id: int, current_user: CurrentUser) -> None:
    item = ITEMS.get(item_id)
    if item is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "Item not found")
    if item.owner_id != current_user.id:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "Not your item")
    del ITEMS[item_id]
