"""Plugin buttons inside a post's content are not its text."""

from __future__ import annotations

import blogparse


def test_recipe_plugin_buttons_are_left_out() -> None:
    """WP Recipe Maker's "Jump to recipe", "Print recipe" and "Pin recipe" buttons go; the
    recipe's own text stays."""
    html = """<!DOCTYPE html><html><head><meta name="generator" content="WordPress 6.3">
<title>Lemon loaf</title></head><body class="single single-post postid-8">
<article id="post-8" class="post-8 post type-post hentry"><h1 class="entry-title">Lemon loaf</h1>
<div class="entry-content">
<div class="wprm-recipe-snippet"><a href="#recipe" class="wprm-recipe-jump wprm-recipe-link">Jump to
Recipe</a> <a href="https://bake.example/wprm_print/8" class="wprm-recipe-print wprm-recipe-link">
Print Recipe</a> <a href="https://www.pinterest.com/pin/create/" class="wprm-recipe-pin
wprm-recipe-link">Pin Recipe</a></div>
<p>Zest two lemons before you juice them, then rub the zest into the sugar.</p>
<div id="recipe" class="wprm-recipe-container"><h2 class="wprm-recipe-name">Lemon loaf</h2>
<ul><li>2 lemons</li><li>200 g sugar</li></ul></div>
</div></article></body></html>"""
    post = blogparse.parse_page(html.encode()).post
    assert post is not None
    assert post.content_text is not None
    assert "Recipe" not in post.content_text.replace("Lemon loaf", "")
    assert post.content_text.startswith("Zest two lemons")
    assert "200 g sugar" in post.content_text
