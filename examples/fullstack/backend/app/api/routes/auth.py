from fastapi import APIRouter, Depends, HTTPException, status
from fastapi.security import OAuth2PasswordRequestForm

from app.api.deps import CurrentUser
from app.models import USERS, Token, User

router = APIRouter(prefix="/auth", tags=["auth"])


@router.post("/login", response_model=Token)
def login(form: OAuth2PasswordRequestForm = Depends()) -> Token:
    user = next((u for u in USERS.values() if u.email == form.username), None)
    if user is None or not form.password:
        raise HTTPException(status.HTTP_400_BAD_REQUEST, "Incorrect email or password")
    return Token(access_token=f"user-{user.id}")


@router.get("/me", response_model=User)
def read_me(current_user: CurrentUser) -> User:
    return current_user
