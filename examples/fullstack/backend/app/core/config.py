from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    PROJECT_NAME: str = "Fullstack Demo"
    API_V1_STR: str = "/api/v1"
    FRONTEND_ORIGIN: str = "http://localhost:3000"


settings = Settings()
