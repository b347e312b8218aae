from fastapi import APIRouter, HTTPException, status

from app.api.deps import CurrentUser
from app.models import ITEMS, USERS, Item, User, UserUpdate

router = APIRouter(prefix="/users", tags=["users"])


def _get_or_404(user_id: int) -> User:
    user = USERS.get(user_id)
    if user is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "User not found")
    return user


@router.get("/", response_model=list[User])
def list_users(skip: int = 0, limit: int = 100) -> list[User]:
    return list(USERS.values())[skip : skip + limit]


@router.get("/{user_id}", response_model=User)
def read_user(user_id: int) -> User:
    return _get_or_404(user_id)


@router.patch("/{user_id}", response_model=User)
def update_user(user_id: int, body: UserUpdate, current_user: CurrentUser) -> User:
    user = _get_or_404(user_id)
    if current_user.id != user.id:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "You can only edit your own profile")
    updated = user.model_copy(update=body.model_dump(exclude_unset=True))
    USERS[user_id] = updated
    return updated


@router.get("/{user_id}/items", response_model=list[Item])
def list_user_items(user_id: int) -> list[Item]:
    _get_or_404(user_id)
    return [item for item in ITEMS.values() if item.owner_id == user_id]
