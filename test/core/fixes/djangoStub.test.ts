/** "Create the route" in Django / DRF: a `path()` in the URLconf whose include prefix covers the path, and its view class. */
import { describe, expect, it } from 'vitest';
import { applyAndCheck, fixesFor, type Files } from './harness';

const BASE: Files = {
  'api/requirements.txt': 'django\ndjangorestframework\n',
  'api/manage.py': 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "proj.settings")\n',
  'api/proj/__init__.py': '',
  'api/proj/settings.py': 'ROOT_URLCONF = "proj.urls"\n',
  'api/proj/urls.py': 'from django.urls import include, path\n\nurlpatterns = [\n    path("api/users/", include("users.urls")),\n]\n',
  'api/users/__init__.py': '',
  'web/package.json': '{"name":"web"}',
  'web/api.ts': "export const avatar = (id: string) => fetch(`/api/users/${id}/avatar/`, { method: 'POST' });\nexport const user = (id: string) => fetch(`/api/users/${id}/`);\navatar('1');\nuser('1');\n",
};
const missing = (g: { kind: string }) => g.kind === 'missing-endpoint';

describe('Django / DRF route stub', () => {
  it('module-style views (`views.X.as_view()`): an APIView in views.py, a path() under the include', async () => {
    const files: Files = {
      ...BASE,
      'api/users/urls.py': 'from django.urls import path\n\nfrom . import views\n\nurlpatterns = [\n    path("<int:pk>/", views.UserDetail.as_view(), name="user-detail"),\n]\n',
      'api/users/views.py': 'from rest_framework.views import APIView\nfrom rest_framework.response import Response\n\n\nclass UserDetail(APIView):\n    def get(self, request, pk):\n        return Response({})\n',
    };
    const { plans, result, gap, logs } = await fixesFor(files, missing);
    const create = plans.find((p) => p.kind === 'create-route');
    expect(create?.title, logs.join('\n')).toBe('Create the route POST /api/users/{pk}/avatar in api/users/views.py');
    const { files: after, result: again } = await applyAndCheck(files, create!, result, gap);
    expect(after['api/users/urls.py']).toContain('    path("<int:pk>/", views.UserDetail.as_view(), name="user-detail"),\n    path("<int:pk>/avatar/", views.AvatarView.as_view()),\n]');
    expect(after['api/users/views.py']).toBe(`${files['api/users/views.py']}\n\nclass AvatarView(APIView):\n    def post(self, request, pk):\n        return Response({"detail": "Not implemented"}, status=501)\n`);
    expect(again.endpoints.find((e) => e.method === 'POST')?.path).toBe('/api/users/{pk}/avatar');
    expect(create!.reveal).toEqual({ file: 'api/users/views.py', line: 10, column: 1 });
  });

  it('named imports (`from .views import A`): the name joins the import line; plain Django views get View and JsonResponse', async () => {
    const files: Files = {
      ...BASE,
      'api/requirements.txt': 'django\n',
      'api/users/urls.py': 'from django.urls import path\nfrom .views import UserDetail  # the detail view\n\nurlpatterns = [path("<int:pk>/", UserDetail.as_view())]\n',
      'api/users/views.py': 'from django.http import JsonResponse\nfrom django.views import View\n\n\nclass UserDetail(View):\n    def get(self, request, pk):\n        return JsonResponse({})\n',
    };
    const { plans, logs } = await fixesFor(files, missing);
    expect(plans.find((p) => p.kind === 'create-route'), logs.join('\n')).toBeUndefined();
    expect(logs.join('\n')).toContain('the pattern shares its line with other code');
    const spread = { ...files, 'api/users/urls.py': 'from django.urls import path\nfrom .views import UserDetail  # the detail view\n\nurlpatterns = [\n    path("<int:pk>/", UserDetail.as_view())\n]\n' };
    const again = await fixesFor(spread, missing);
    const create = again.plans.find((p) => p.kind === 'create-route')!;
    expect(create?.title, again.logs.join('\n')).toBe('Create the route POST /api/users/{pk}/avatar in api/users/views.py');
    const { files: after } = await applyAndCheck(spread, create, again.result, again.gap);
    expect(after['api/users/urls.py']).toBe('from django.urls import path\nfrom .views import UserDetail, AvatarView  # the detail view\n\nurlpatterns = [\n    path("<int:pk>/", UserDetail.as_view()),\n    path("<int:pk>/avatar/", AvatarView.as_view())\n]\n');
    expect(after['api/users/views.py']).toContain('class AvatarView(View):\n    def post(self, request, pk):\n        return JsonResponse({"error": "Not implemented"}, status=501)\n');
  });

  it('adds the DRF imports the views module lacks', async () => {
    const files: Files = {
      ...BASE,
      'api/users/urls.py': 'from django.urls import path\n\nfrom users import views as _unused  # noqa\nfrom . import views\n\nurlpatterns = [\n    path("<int:pk>/", views.user_detail),\n]\n',
      'api/users/views.py': 'from rest_framework.decorators import api_view\nfrom rest_framework.response import Response\n\n\n@api_view(["GET"])\ndef user_detail(request, pk):\n    return Response({})\n',
    };
    const { plans, result, gap, logs } = await fixesFor(files, missing);
    const create = plans.find((p) => p.kind === 'create-route');
    expect(create?.title, logs.join('\n')).toBe('Create the route POST /api/users/{pk}/avatar in api/users/views.py');
    const { files: after } = await applyAndCheck(files, create!, result, gap);
    expect(after['api/users/views.py']).toMatch(/^from rest_framework.decorators import api_view\nfrom rest_framework.response import Response\nfrom rest_framework.views import APIView\n\n/);
  });

  it('refuses a re_path or a router registration as the place', async () => {
    const files: Files = {
      ...BASE,
      'api/users/urls.py': 'from django.urls import re_path\nfrom rest_framework.routers import DefaultRouter\n\nfrom . import views\n\nrouter = DefaultRouter()\nrouter.register(r"", views.UserViewSet, basename="user")\n\nurlpatterns = [\n    re_path(r"^(?P<pk>\\d+)/$", views.user_detail),\n] + router.urls\n',
      'api/users/views.py': 'from rest_framework.decorators import api_view\nfrom rest_framework.response import Response\nfrom rest_framework import viewsets\n\n\nclass UserViewSet(viewsets.ReadOnlyModelViewSet):\n    pass\n\n\n@api_view(["GET"])\ndef user_detail(request, pk):\n    return Response({})\n',
    };
    const { plans, logs } = await fixesFor(files, missing);
    expect(plans.filter((p) => p.kind === 'create-route')).toEqual([]);
    expect(logs.join('\n')).toMatch(/no route stub/);
  });

  it('plane style: a parenthesized absolute import from a views package that re-exports the class; the project\'s base view', async () => {
    const files: Files = {
      ...BASE,
      'api/users/urls.py': 'from django.urls import path\n\nfrom users.views import (\n    UserDetailEndpoint,\n    UserListEndpoint,\n)\n\nurlpatterns = [\n    path("", UserListEndpoint.as_view()),\n    path("<int:pk>/", UserDetailEndpoint.as_view(), name="user-detail"),\n]\n',
      'api/users/views/__init__.py': 'from .base import BaseAPIView\nfrom .user import (\n    UserDetailEndpoint,\n    UserListEndpoint,\n)\n',
      'api/users/views/base.py': 'from rest_framework.views import APIView\n\n\nclass BaseAPIView(APIView):\n    pass\n',
      'api/users/views/user.py': 'from rest_framework.response import Response\n\nfrom .base import BaseAPIView\n\n\nclass UserListEndpoint(BaseAPIView):\n    def get(self, request):\n        return Response([])\n\n\nclass UserDetailEndpoint(BaseAPIView):\n    def get(self, request, pk):\n        return Response({})\n',
    };
    const { plans, result, gap, logs } = await fixesFor(files, missing);
    const create = plans.find((p) => p.kind === 'create-route');
    expect(create?.title, logs.join('\n')).toBe('Create the route POST /api/users/{pk}/avatar in api/users/views/user.py');
    const { files: after, result: again } = await applyAndCheck(files, create!, result, gap);
    expect(after['api/users/urls.py']).toContain('from users.views import (\n    UserDetailEndpoint,\n    UserListEndpoint,\n    AvatarEndpoint,\n)\n');
    expect(after['api/users/urls.py']).toContain('    path("<int:pk>/avatar/", AvatarEndpoint.as_view()),\n]');
    expect(after['api/users/views/__init__.py']).toBe('from .base import BaseAPIView\nfrom .user import (\n    UserDetailEndpoint,\n    UserListEndpoint,\n    AvatarEndpoint,\n)\n');
    expect(after['api/users/views/user.py']).toMatch(/\n\n\nclass AvatarEndpoint\(BaseAPIView\):\n    def post\(self, request, pk\):\n        return Response\(\{"detail": "Not implemented"\}, status=501\)\n$/);
    expect(after['api/users/views/user.py']).not.toContain('import APIView');
    expect(again.endpoints.find((e) => e.method === 'POST')?.handler).toBe('AvatarEndpoint.post');
  });
});

describe('Django: another method of an existing path', () => {
  it('writes no second pattern for the same path (Django would never reach it)', async () => {
    const files: Files = {
      ...BASE,
      'api/users/urls.py': 'from django.urls import path\n\nfrom . import views\n\nurlpatterns = [\n    path("<int:pk>/avatar/", views.Avatar.as_view()),\n]\n',
      'api/users/views.py': 'from rest_framework.views import APIView\nfrom rest_framework.response import Response\n\n\nclass Avatar(APIView):\n    def get(self, request, pk):\n        return Response({})\n',
    };
    const { plans, logs } = await fixesFor(files, (g) => g.kind === 'method-mismatch');
    expect(plans.filter((p) => p.kind === 'add-method')).toEqual([]);
    expect(logs.join('\n')).toContain('Django would never reach a second pattern for it');
  });
});

describe('route stub placement', () => {
  it('is refused when two router modules share the path equally far (neither owns it)', async () => {
    const files: Files = {
      ...BASE,
      'api/proj/urls.py': 'from django.urls import include, path\n\nurlpatterns = [\n    path("api/users/", include("users.urls")),\n    path("api/users/", include("users.more_urls")),\n]\n',
      'api/users/urls.py': 'from django.urls import path\n\nfrom . import views\n\nurlpatterns = [\n    path("<int:pk>/", views.UserDetail.as_view()),\n]\n',
      'api/users/more_urls.py': 'from django.urls import path\n\nfrom . import views\n\nurlpatterns = [\n    path("<int:pk>/settings/", views.UserSettings.as_view()),\n]\n',
      'api/users/views.py': 'from rest_framework.views import APIView\nfrom rest_framework.response import Response\n\n\nclass UserDetail(APIView):\n    def get(self, request, pk):\n        return Response({})\n\n\nclass UserSettings(APIView):\n    def get(self, request, pk):\n        return Response({})\n',
    };
    const { plans, logs } = await fixesFor(files, missing);
    expect(plans.filter((p) => p.kind === 'create-route')).toEqual([]);
    expect(logs.join('\n')).toContain('share the path equally far (3 segments); none owns it');
  });
});
