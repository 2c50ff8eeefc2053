from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve

from bitesize.accounts import views as accounts
from bitesize.api.api import api
from bitesize.asks import views as asks
from bitesize.communities import views as communities
from bitesize.debriefs import views as debriefs
from bitesize.goals import views as goals
from bitesize.notifications import views as notifications
from bitesize.pages import views as pages
from bitesize.profiles import views as profiles
from bitesize.rooms import views as rooms
from bitesize.safety import views as safety
from bitesize.scheduling import views as scheduling

admin.site.site_header = "Bitesize operations"
admin.site.site_title = "Bitesize admin"

urlpatterns = [
    path("", pages.landing, name="landing"),
    path("dashboard/", pages.dashboard, name="dashboard"),
    path("welcome/", pages.welcome, name="welcome"),
    path("healthz", pages.healthz, name="healthz"),
    path("accounts/", include("allauth.urls")),
    path("settings/", accounts.settings_page, name="settings"),
    path("settings/tokens/<int:pk>/revoke/", accounts.token_revoke, name="token_revoke"),
    path("profile/", profiles.profile_edit, name="profile_edit"),
    path("profile/skills/", profiles.skill_add, name="skill_add"),
    path("profile/skills/<int:pk>/remove/", profiles.skill_remove, name="skill_remove"),
    path("profile/available/", profiles.available_toggle, name="available_toggle"),
    path("profile/goals/", profiles.goal_add, name="goal_add"),
    path("profile/goals/<int:pk>/status/", profiles.goal_status, name="goal_status"),
    path("skills/suggest/", profiles.skill_suggest, name="skill_suggest"),
    path("mentors/", profiles.directory, name="directory"),
    path("people/<slug:handle>/", profiles.profile_detail, name="profile_detail"),
    path("communities/", communities.community_list, name="community_list"),
    path("c/<slug:slug>/", communities.community_detail, name="community_detail"),
    path("c/<slug:slug>/join/", communities.community_join, name="community_join"),
    path("c/<slug:slug>/leave/", communities.community_leave, name="community_leave"),
    path("c/<slug:slug>/members/", communities.community_members, name="community_members"),
    path("c/<slug:slug>/insights/", communities.community_insights, name="community_insights"),
    path("c/<slug:slug>/members/<int:pk>/role/", communities.member_role, name="member_role"),
    path("c/<slug:slug>/members/<int:pk>/remove/", communities.member_remove, name="member_remove"),
    path("asks/", asks.ask_list, name="asks"),
    path("asks/new/", asks.ask_edit, name="ask_new"),
    path("asks/<int:pk>/", asks.ask_detail, name="ask_detail"),
    path("asks/<int:pk>/edit/", asks.ask_edit, name="ask_edit"),
    path("asks/<int:pk>/withdraw/", asks.ask_withdraw, name="ask_withdraw"),
    path("asks/<int:pk>/now/", asks.ask_now, name="ask_now"),
    path("asks/<int:pk>/now/stop/", asks.ask_now_stop, name="ask_now_stop"),
    path("asks/<int:pk>/now/status/", asks.ask_now_status, name="ask_now_status"),
    path("offers/", asks.offer_list, name="offers"),
    path("sessions/<int:pk>/debrief/advice/", debriefs.advice_save, name="debrief_advice"),
    path(
        "sessions/<int:pk>/debrief/reflection/",
        debriefs.reflection_save,
        name="debrief_reflection",
    ),
    path("sessions/<int:pk>/debrief/actions/", debriefs.action_add, name="debrief_action"),
    path("sessions/<int:pk>/debrief/rating/", debriefs.rating_save, name="debrief_rating"),
    path("advice/<int:pk>/helpful/", debriefs.advice_helpful, name="advice_helpful"),
    path("actions/", debriefs.action_list, name="actions"),
    path("actions/<int:pk>/", debriefs.action_detail, name="action_detail"),
    path("impact/", debriefs.impact, name="impact"),
    path("conflicts/<int:pk>/resolve/", debriefs.conflict_resolve, name="conflict_resolve"),
    path("conflicts/<int:pk>/tie-break/", debriefs.conflict_tie_break, name="conflict_tie_break"),
    path("goals/<int:pk>/", goals.goal_detail, name="goal_detail"),
    path("goals/<int:pk>/sharing/", goals.goal_sharing, name="goal_sharing"),
    path("goals/<int:pk>/conflicts/", debriefs.conflict_flag, name="conflict_flag"),
    path("people/<slug:handle>/block/", safety.block, name="block"),
    path("people/<slug:handle>/report/", safety.report, name="report"),
    path("settings/blocked/<int:user_id>/unblock/", safety.unblock, name="unblock"),
    path("offers/<int:pk>/accept/", asks.offer_accept, name="offer_accept"),
    path("offers/<int:pk>/decline/", asks.offer_decline, name="offer_decline"),
    path("availability/", scheduling.availability_page, name="availability"),
    path("availability/feed/reset/", scheduling.feed_reset, name="feed_reset"),
    path("people/<slug:handle>/book/", scheduling.book, name="book"),
    path("sessions/", scheduling.session_list, name="sessions"),
    path("sessions/<int:pk>/", scheduling.session_detail, name="session_detail"),
    path("sessions/<int:pk>/room/", rooms.room, name="room"),
    path("sessions/<int:pk>/room/invite/", rooms.room_invite, name="room_invite"),
    path("sessions/<int:pk>/answer/", rooms.written_answer, name="written_answer"),
    path("sessions/<int:pk>/<slug:action>/", scheduling.session_action, name="session_action"),
    path("calendar/<str:token>.ics", scheduling.feed, name="calendar_feed"),
    path("notifications/", notifications.notification_list, name="notifications"),
    path("notifications/read/", notifications.notification_read, name="notifications_read"),
    path("", include("bitesize.programs.urls")),
    path("", include("bitesize.recognition.urls")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
    re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
]
