from django.urls import path

from . import admin_views

urlpatterns = [
    path("", admin_views.toolkit_index, name="index"),
    path("guides/<str:slug>/", admin_views.guide_detail, name="guide"),
    path("modeles/<str:slug>/", admin_views.template_detail, name="template"),
    path(
        "modeles/<str:slug>/commencer/",
        admin_views.template_start,
        name="template_start",
    ),
    path("premiers-pas/<int:portal_id>/", admin_views.checklist, name="checklist"),
]
