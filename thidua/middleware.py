class VietnameseFirstMiddleware:
    """Serve Vietnamese unless the user chose English in the UI.

    Office PCs often run an English browser; the browser's Accept-Language
    should not switch the interface away from Vietnamese. The language cookie
    set by the switcher still decides.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)
