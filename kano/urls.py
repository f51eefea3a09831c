app_name = "kano"

urlpatterns: list = []
