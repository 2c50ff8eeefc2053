from django.urls import path

from bitesize.programs import views

urlpatterns = [
    path("c/<slug:slug>/programs/", views.program_list, name="program_list"),
    path("c/<slug:slug>/programs/<int:pk>/", views.program_detail, name="program_detail"),
    path("c/<slug:slug>/programs/<int:pk>/runs/", views.run_start, name="program_run_start"),
]
