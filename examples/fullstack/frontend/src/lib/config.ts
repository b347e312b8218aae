/** Base URL of the FastAPI backend, including its `/api/v1` prefix. */
export const API = process.env.NEXT_PUBLIC_API_URL ?? 'http://localhost:8000/api/v1';
