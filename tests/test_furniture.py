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


def test_share_rows_and_term_lines_that_end_the_body_are_left_out() -> None:
    """A share row, a "Tags:" line and "Read more" at the end of the body go; the same
    words inside the text, or in a sentence of the writer's, stay."""
    page = b"""<!DOCTYPE html><html><head><title>Nets | Quay</title></head>
<body class="single single-post postid-8"><article id="post-8" class="post-8 post hentry">
<h1 class="entry-title">Nets</h1><div class="entry-content">
<p>The nets dry on the wall by the slipway.</p>
<p>Tweet</p>
<p>Share your own pictures of the quay in the comments.</p>
<p>Tags: nets, slipway, harbour</p>
<div class="share-row"><span>Share</span><ul><li><a href="#">Facebook</a></li>
<li><a href="#">Twitter 12</a></li><li><a href="#">E-Mail</a></li></ul></div>
<p><a href="#">Read more &raquo;</a></p>
</div></article></body></html>"""
    post = blogparse.parse_page(page).posts[0]
    assert post.content_text == ("The nets dry on the wall by the slipway.\n\nTweet\n\n"
                                 "Share your own pictures of the quay in the comments.")
    assert post.content_html is not None
    assert "Facebook" not in post.content_html


def test_share_invitations_ad_labels_and_view_counters_are_left_out() -> None:
    """Grow Social's "Sharing is caring!", a theme's share heading, WordPress.com's "About
    these ads" slot and Top 10's view counter are plugin text, not the writer's."""
    page = b"""<!DOCTYPE html><html><head><title>Nets | Quay</title></head>
<body class="single single-post postid-8"><article id="post-8" class="post-8 post hentry">
<h1 class="entry-title">Nets</h1><div class="entry-content">
<p>The nets dry on the wall by the slipway.</p>
<div class="wpa"><a href="https://en.wordpress.com/about-these-ads/">About these ads</a></div>
<p>Mending them takes the whole of a wet afternoon.</p>
<div class="tptn_counter" id="tptn_counter_8">(Visited 40 times, 3 visits today)</div>
<p class="dpsp-share-text">Sharing is caring!</p>
<div class="share-wrap"><div class="share-text h4">Share this article on:</div></div>
</div></article></body></html>"""
    post = blogparse.parse_page(page).post
    assert post is not None
    assert post.content_text == (
        "The nets dry on the wall by the slipway.\n\n"
        "Mending them takes the whole of a wet afternoon.")


def test_a_row_of_term_links_ending_the_body_goes_with_or_without_a_label() -> None:
    """Tag links the theme prints at the end of the body ("Tags" glued to them, or none)
    are no text of the post; a sentence of the writer's that links a tag stays."""
    def text_of(ending: str) -> str | None:
        page = f"""<!DOCTYPE html><html><head><title>Nets | Quay</title></head>
<body class="single single-post postid-8"><article id="post-8" class="post-8 post hentry">
<h1 class="entry-title">Nets</h1><div class="entry-content">
<p>The nets dry on the wall by the slipway.</p>{ending}</div></article></body></html>"""
        post = blogparse.parse_page(page.encode()).post
        assert post is not None
        return post.content_text

    first = "The nets dry on the wall by the slipway."
    assert text_of('<div class="meta-tags"><span>Tags</span><a href="/tag/nets/" rel="tag">'
                   'Nets</a> <a href="/tag/quay/" rel="tag">Quay</a></div>') == first
    assert text_of('<div class="post-tags"><a href="/tag/nets/" rel="tag">Nets</a>'
                   '<a href="/category/harbour/" rel="category tag">Harbour</a></div>') == first
    kept = ('<p>More on mending in the posts tagged '
            '<a href="/tag/nets/" rel="tag">nets</a>.</p>')
    assert text_of(kept) == first + "\n\nMore on mending in the posts tagged nets."


def test_a_lone_x_ending_the_body_is_kept() -> None:
    """"X" alone is a sign-off as often as the network's button: it stays."""
    page = b"""<!DOCTYPE html><html><head><title>Nets | Quay</title></head>
<body class="single single-post postid-8"><article id="post-8" class="post-8 post hentry">
<h1 class="entry-title">Nets</h1><div class="entry-content">
<p>See you on the slipway on Sunday.</p><p>X</p></div></article></body></html>"""
    post = blogparse.parse_page(page).post
    assert post is not None
    assert post.content_text == "See you on the slipway on Sunday.\n\nX"


def test_print_buttons_post_meta_and_footers_printed_in_the_entry_are_left_out() -> None:
    """PDF & Print's buttons, Elementor's share buttons, Kubrick's "Posted in … |
    Comments" line and a post footer or previous / next links a theme prints inside the
    entry are no part of the text."""
    page = b"""<!DOCTYPE html><html><head><title>Nets | Quay</title></head>
<body class="single single-post postid-8"><article id="post-8" class="post-8 post hentry">
<h1 class="entry-title">Nets</h1><div class="entry-content">
<div class="pdfprnt-buttons pdfprnt-buttons-post"><a href="?print=pdf" class="pdfprnt-button">
PDF</a><a href="?print=print" class="pdfprnt-button">Print</a></div>
<p>The nets dry on the wall by the slipway.</p>
<p class="postmetadata">Posted in <a href="/category/harbour/">Harbour</a> | 2 Comments</p>
<div class="entry-footer"><span class="tags-links">Tagged <a href="/tag/nets/">nets</a></span>
</div>
<div class="post-footer"><a href="#respond">Leave a comment</a></div>
<div class="navigation"><a href="/old/" rel="prev">Older post</a></div>
<div class="elementor-element elementor-widget elementor-widget-share-buttons">
<div class="elementor-widget-container"><div class="elementor-grid">
<div class="elementor-grid-item"><div class="elementor-share-btn elementor-share-btn_facebook">
<span class="elementor-share-btn__text">Share on facebook</span></div></div></div></div></div>
</div></article></body></html>"""
    post = blogparse.parse_page(page).posts[0]
    assert post.content_text == "The nets dry on the wall by the slipway."
