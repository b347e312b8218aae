from typing import Annotated

from fastapi import Depends, HTTPException, status
from fastapi.security import OAuth2PasswordBearer

from app.core.config import settings
from app.models import USERS, User

oauth2_scheme = OAuth2PasswordBearer(tokenUrl=f"{settings.API_V1_STR}/auth/login")


def get_current_user(token: Annotated[str, Depends(oauth2_scheme)]) -> User:
    # Demo tokens are "user-<id>"; a real app would verify a JWT here.
    user_id = int(token.removeprefix("user-")) if token.startswith("user-") else -1
    user = USERS.get(user_id)
    if user is None:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "Invalid token")
    return user


CurrentUser = Annotated[User, Depends(get_current_user)]
