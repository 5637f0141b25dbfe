"""The service navigation as a person uses it: on a phone it folds behind a "Menu" button."""


def menu_link(page, name: str, menu: str = "Our book"):
    """The menu's link called `name`, after opening the menu if it is folded."""
    nav = page.get_by_role("navigation", name=menu)
    toggle = nav.locator(".govuk-service-navigation__toggle")
    if toggle.count() and toggle.is_visible() and toggle.get_attribute("aria-expanded") != "true":
        toggle.click()
    return nav.get_by_role("link", name=name, exact=True)
