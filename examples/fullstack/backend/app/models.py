from pydantic import BaseModel


class User(BaseModel):
    id: int
    email: str
    full_name: str
    is_active: bool = True


class UserUpdate(BaseModel):
    full_name: str | None = None
    is_active: bool | None = None


class Item(BaseModel):
    id: int
    owner_id: int
    title: str
    description: str | None = None


class ItemCreate(BaseModel):
    title: str
    description: str | None = None


class Token(BaseModel):
    access_token: str
    token_type: str = "bearer"


# A tiny in-memory "database" so the demo runs without any setup.
USERS: dict[int, User] = {
    1: User(id=1, email="ada@example.com", full_name="Ada Lovelace"),
    2: User(id=2, email="alan@example.com", full_name="Alan Turing"),
}
ITEMS: dict[int, Item] = {
    1: Item(id=1, owner_id=1, title="Analytical Engine notes"),
    2: Item(id=2, owner_id=2, title="On Computable Numbers"),
}
