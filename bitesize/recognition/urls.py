from django.urls import path

from bitesize.recognition import views

urlpatterns = [
    path(".well-known/jwks.json", views.jwks, name="jwks"),
    path("badges/<uuid:public_id>/", views.badge_page, name="badge_page"),
    path("badges/<uuid:public_id>/credential.jwt", views.badge_credential, name="badge_credential"),
    path("badges/achievements/<slug:code>", views.achievement, name="badge_achievement"),
    path("points/", views.my_points, name="my_points"),
    path("people/<slug:handle>/kudos/", views.kudos_send, name="kudos_send"),
    path("c/<slug:slug>/leaderboard/", views.leaderboard, name="leaderboard"),
    path("c/<slug:slug>/rewards/", views.rewards, name="rewards"),
    path("c/<slug:slug>/recognition/", views.manage, name="recognition_manage"),
    path("c/<slug:slug>/rewards/<int:pk>/redeem/", views.reward_redeem, name="reward_redeem"),
    path(
        "c/<slug:slug>/redemptions/<int:pk>/<slug:decision>/",
        views.redemption_decide,
        name="redemption_decide",
    ),
]
