"""WordPress.com hosted themes (and Jetpack sites) with Highlander comments.

WordPress.com serves its themes from ``/wp-content/themes/pub/NAME/`` or
``/wp-content/themes/premium/NAME/``, marks comments ``highlander-comment`` and prints
the comment form with ``#comment-form-identity`` and one ``.comment-form-service`` per
log-in service.  The rest is core markup, so this theme extends the classic one.
"""

from __future__ import annotations

from .._theme import WPCOM_THEME_URL_RE
from ..themes import PageDocument, cls
from .classic import ClassicTheme


class WordPressComTheme(ClassicTheme):
    """WordPress.com hosted blogs and Jetpack comment forms."""

    name = "wordpress-com"
    description = "WordPress.com hosted themes with Highlander/Jetpack comments"

    def score(self, page: PageDocument) -> float:
        """Certain with Highlander markup; likely with WordPress.com assets."""
        if page.find("//*[" + cls("highlander-comment", "comment-form-service") + "]"
                     " | //*[@id='comment-form-identity' or @id='highlander-comment-form'"
                     " or @id='jetpack_remote_comment']") is not None:
            return 0.97
        head = page.head_html
        if WPCOM_THEME_URL_RE.search(head) or {"h4", "a8c"} & set(page.stylesheet_themes) or (
                "s0.wp.com" in head and "wordpress.com" in head):
            return 0.92
        return 0.0
