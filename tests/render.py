"""A test-only renderer: write a generated :class:`~blogparse.Post` the way WordPress does.

Pages follow the markup WordPress core's template tags and the built-in theme families print:

* ``wordpress-classic`` — a Twenty Sixteen/Seventeen-style single page: ``post_class()``,
  ``.entry-title``, ``.posted-on`` ``<time class="entry-date published">``, ``.byline`` with
  ``.author.vcard``, ``.cat-links``/``.tags-links`` (``rel="category tag"``/``rel="tag"``),
  ``wp_list_comments()`` with the html5 callback (``li#comment-N`` > ``article.comment-body``,
  ``b.fn``, ``ol.children``), and ``comment_form()`` in ``#respond``;
* ``wordpress-com`` — the same core markup served from ``/wp-content/themes/pub/``, with
  Highlander comments (``highlander-comment`` classes) and its form
  (``#comment-form-identity`` with one ``.comment-form-service`` div per log-in service);
* ``wordpress-block`` — a Twenty Twenty-Three single template: ``.wp-site-blocks``,
  ``wp-block-post-title``, ``wp-block-post-date``, ``wp-block-post-terms``, and the
  Comments block (``wp-block-comment-template``, ``wp-block-comment-author-name``…).

Exports are WXR 1.2 items as Tools → Export writes them; text dumps are what a browser's
"select all, copy" gives for a classic page.  Every text is escaped as WordPress' esc_html
and esc_attr would (``&``, ``<``, ``>``, quotes), so entities and markup characters in a
model come back as the same characters.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from html import escape

from blogparse import Caption, Comment, Pingback, Post, Term

THEMES = ("wordpress-classic", "wordpress-com", "wordpress-block")

WPCOM_SERVICES = (("wordpress", "WordPress.com"), ("twitter", "Twitter"),
                  ("facebook", "Facebook"))
"""The log-in services the rendered WordPress.com form offers, as (id suffix, name)."""


def _e(text: str | None) -> str:
    return escape(text or "", quote=True)


def _human(d: datetime) -> str:
    return f"{d:%B} {d.day}, {d:%Y}"


def _iso(d: datetime) -> str:
    return d.isoformat()


# --- content ---------------------------------------------------------------------------


def _caption_text(c: Caption) -> str:
    if c.credit is None:
        return _e(c.text)
    if c.text is None:
        return "Photo: " + _e(c.credit)
    return f"{_e(c.text)} Photo credit: {_e(c.credit)}"


def _caption_html(c: Caption, block: bool) -> str:
    img = c.image
    assert img is not None
    align = f" {c.align}" if c.align else ""
    if block:
        return (f'<figure class="wp-block-image size-large{align}"><img decoding="async" '
                f'width="{img.width}" height="{img.height}" src="{_e(img.src)}" '
                f'alt="{_e(img.alt)}" class="wp-image-{img.id}"/>'
                f'<figcaption class="wp-element-caption">{_caption_text(c)}</figcaption>'
                "</figure>")
    return (f'<div id="attachment_{img.id}" style="width: {(img.width or 0) + 10}px" '
            f'class="wp-caption{align}"><img aria-describedby="caption-attachment-{img.id}" '
            f'decoding="async" class="size-full wp-image-{img.id}" src="{_e(img.src)}" '
            f'alt="{_e(img.alt)}" width="{img.width}" height="{img.height}" />'
            f'<p id="caption-attachment-{img.id}" class="wp-caption-text">'
            f"{_caption_text(c)}</p></div>")


def content_html(post: Post, *, block: bool = False) -> str:
    """The post body as ``the_content()`` prints it: paragraphs, then captioned images."""
    paras = (post.content_text or "").split("\n\n") if post.content_text else []
    out = [f"<p>{_e(p)}</p>" for p in paras]
    out.extend(_caption_html(c, block) for c in post.captions)
    return "\n".join(out)


# --- terms and bylines ------------------------------------------------------------------


def _term_links(terms: Sequence[Term], rel: str, sep: str = ", ") -> str:
    return sep.join(f'<a href="{_e(t.url)}" rel="{rel}">{_e(t.name)}</a>' for t in terms)


def _author_link(post: Post) -> str:
    a = post.authors[0]
    return f'<a class="url fn n" href="{_e(a.url)}">{_e(a.name)}</a>' if a.url else \
        f'<span class="fn n">{_e(a.name)}</span>'


# --- discussion -------------------------------------------------------------------------


def _count_title(post: Post) -> str:
    n = len(post.comments) + len(post.pingbacks)
    if n == 1:
        return f"One thought on &ldquo;{_e(post.title)}&rdquo;"
    return f"{n} thoughts on &ldquo;{_e(post.title)}&rdquo;"


def _comment_author_html(c: Comment) -> str:
    assert c.author is not None
    name = _e(c.author.name)
    if c.author.url:
        return (f'<b class="fn"><a href="{_e(c.author.url)}" class="url" '
                f'rel="ugc external nofollow">{name}</a></b>')
    return f'<b class="fn">{name}</b>'


def _comment_body(c: Comment) -> str:
    return "".join(f"<p>{_e(line)}</p>" for line in (c.content_text or "").split("\n"))


def _classes(c: Comment, index: int, extra: str = "") -> str:
    parity = "even" if index % 2 == 0 else "odd"
    cls = f"comment {parity} thread-{parity} depth-{c.depth}"
    if c.by_post_author:
        cls = "comment byuser comment-author-admin bypostauthor " + cls[len("comment "):]
    return cls + extra


def _thread(comments: Sequence[Comment], item: Callable[[Comment, int], str],
            list_class: str) -> str:
    """Nest ``li`` items as ``wp_list_comments()`` does: replies in ``ol.children``."""
    out: list[str] = []
    depth = 0
    for i, c in enumerate(comments):
        if c.depth > depth:
            if depth:
                out.append('<ol class="children">')
        else:
            out.append("</li>")
            while depth > c.depth:
                out.append("</ol></li>")
                depth -= 1
        out.append(item(c, i))
        depth = c.depth
    if depth:
        out.append("</li>")
        while depth > 1:
            out.append("</ol></li>")
            depth -= 1
    return f'<ol class="{list_class}">' + "".join(out) + "</ol>"


def _classic_item(c: Comment, i: int, *, highlander: bool = False) -> str:
    assert c.date is not None
    extra = " highlander-comment" if highlander else ""
    return (
        f'<li id="comment-{c.id}" class="{_classes(c, i, extra)}">'
        f'<article id="div-comment-{c.id}" class="comment-body">'
        '<footer class="comment-meta"><div class="comment-author vcard">'
        '<img alt="" src="https://secure.gravatar.com/avatar/0?s=56" class="avatar avatar-56" '
        f'height="56" width="56" />{_comment_author_html(c)} <span class="says">says:</span>'
        '</div><div class="comment-metadata">'
        f'<a href="#comment-{c.id}"><time datetime="{_iso(c.date)}">{_human(c.date)} at '
        f'{c.date:%H:%M}</time></a></div></footer>'
        f'<div class="comment-content">{_comment_body(c)}</div>'
        f'<div class="reply"><a rel="nofollow" class="comment-reply-link" '
        f'href="?replytocom={c.id}#respond" data-commentid="{c.id}">Reply</a></div>'
        "</article>"
    )


def _pingback_item(p: Pingback, i: int) -> str:
    return (
        f'<li id="comment-{p.id}" class="pingback {"even" if i % 2 == 0 else "odd"} '
        f'thread-even depth-1"><div class="comment-body">Pingback: '
        f'<a href="{_e(p.url)}" class="url" rel="ugc external nofollow">'
        f"{_e(p.title)} | {_e(p.blog_name)}</a> </div></li>"
    )


def _classic_form(post: Post, *, wpcom: bool) -> str:
    identity = ""
    if wpcom:
        services = "".join(
            f'<div id="comment-form-{sid}" class="comment-form-service"></div>'
            for sid, _ in WPCOM_SERVICES)
        identity = (f'<div class="comment-form-field comment-textarea"><div id="comment-form-'
                    f'comment"><textarea id="comment" name="comment" title="Enter your comment'
                    f' here..."></textarea></div></div><div id="comment-form-identity">'
                    f'<div id="comment-form-nascar"><p>Fill in your details below or click an'
                    f' icon to log in:</p></div><div id="comment-form-guest" '
                    f'class="comment-form-service selected">'
                    f'<div class="comment-form-fields"><div class="comment-form-email">'
                    f'<label for="email">Email <span class="required">(required)</span>'
                    f'</label><div class="comment-form-input"><input id="email" name="email"'
                    f' type="email" aria-required="true" value=""/></div></div>'
                    f'<div class="comment-form-author"><label for="author">Name '
                    f'<span class="required">(required)</span></label>'
                    f'<div class="comment-form-input"><input id="author" name="author" '
                    f'type="text" aria-required="true" value=""/></div></div>'
                    f'<div class="comment-form-url"><label for="url">Website</label>'
                    f'<div class="comment-form-input"><input id="url" name="url" type="url"'
                    f' value=""/></div></div></div></div>{services}</div>')
        fields = identity
        notes = ""
    else:
        notes = ('<p class="comment-notes"><span id="email-notes">Your email address will '
                 'not be published.</span> <span class="required-field-message">Required '
                 'fields are marked <span class="required">*</span></span></p>')
        fields = (
            '<p class="comment-form-comment"><label for="comment">Comment <span '
            'class="required">*</span></label> <textarea id="comment" name="comment" '
            'cols="45" rows="8" maxlength="65525" required></textarea></p>'
            '<p class="comment-form-author"><label for="author">Name <span class="required">'
            '*</span></label> <input id="author" name="author" type="text" value="" '
            'size="30" maxlength="245" autocomplete="name" required /></p>'
            '<p class="comment-form-email"><label for="email">Email <span class="required">'
            '*</span></label> <input id="email" name="email" type="email" value="" size="30" '
            'maxlength="100" aria-describedby="email-notes" autocomplete="email" required />'
            '</p><p class="comment-form-url"><label for="url">Website</label> <input id="url"'
            ' name="url" type="url" value="" size="30" maxlength="200" autocomplete="url" />'
            "</p>"
        )
    return (
        '<div id="respond" class="comment-respond">'
        '<h3 id="reply-title" class="comment-reply-title">Leave a Reply <small><a rel="nofollow"'
        ' id="cancel-comment-reply-link" href="#respond" style="display:none;">Cancel reply'
        "</a></small></h3>"
        '<form action="https://blog.example/wp-comments-post.php" method="post" '
        'id="commentform" class="comment-form" novalidate>'
        f"{notes}{fields}"
        '<p class="form-submit"><input name="submit" type="submit" id="submit" '
        'class="submit" value="Post Comment" /> <input type="hidden" name="comment_post_ID" '
        f'value="{post.id}" id="comment_post_ID" /><input type="hidden" name="comment_parent" '
        'id="comment_parent" value="0" /></p></form></div>'
    )


def _classic_discussion(post: Post, *, wpcom: bool) -> str:
    parts = ['<div id="comments" class="comments-area">']
    if post.comments or post.pingbacks:
        parts.append(f'<h2 class="comments-title">{_count_title(post)}</h2>')
        items = _thread(post.comments, lambda c, i: _classic_item(c, i, highlander=wpcom),
                        "comment-list")
        pings = "".join(_pingback_item(p, i) for i, p in enumerate(post.pingbacks))
        parts.append(items[:-len("</ol>")] + pings + "</ol>")
    parts.append(_classic_form(post, wpcom=wpcom))
    parts.append("</div>")
    return "".join(parts)


# --- pages ------------------------------------------------------------------------------


def _head(post: Post, *, stylesheet: str, generator: str) -> str:
    site = post.site
    assert site is not None
    return (
        '<!DOCTYPE html>\n<html lang="en-US">\n<head>\n<meta charset="UTF-8" />\n'
        f"<title>{_e(post.title)} &#8211; {_e(site.name)}</title>\n"
        f'<link rel="stylesheet" id="theme-css" href="{stylesheet}" media="all" />\n'
        f'<meta name="generator" content="{generator}" />\n'
        f'<link rel="canonical" href="{_e(post.url)}" />\n'
        f"<link rel='shortlink' href='https://blog.example/?p={post.id}' />\n"
        "</head>\n"
    )


def _site_header(post: Post) -> str:
    site = post.site
    assert site is not None
    return (f'<header id="masthead" class="site-header"><p class="site-title"><a href="'
            f'{_e(site.url)}" rel="home">{_e(site.name)}</a></p></header>')


def _classic_article(post: Post) -> str:
    assert post.published is not None
    cats = " ".join(f"category-{t.slug}" for t in post.categories)
    tags = " ".join(f"tag-{t.slug}" for t in post.tags)
    updated = post.updated or post.published
    terms = ""
    if post.categories:
        terms += ('<span class="cat-links"><span class="screen-reader-text">Categories </span>'
                  + _term_links(post.categories, "category tag") + "</span>")
    if post.tags:
        terms += ('<span class="tags-links"><span class="screen-reader-text">Tags </span>'
                  + _term_links(post.tags, "tag") + "</span>")
    return (
        f'<article id="post-{post.id}" class="post-{post.id} post type-post status-publish '
        f'format-standard hentry {cats} {tags}">'
        f'<header class="entry-header"><h1 class="entry-title">{_e(post.title)}</h1>'
        "</header>"
        f'<div class="entry-content">{content_html(post)}</div>'
        '<footer class="entry-footer"><span class="byline"><span class="author vcard">'
        '<span class="screen-reader-text">Author </span>'
        f"{_author_link(post)}</span></span>"
        '<span class="posted-on"><span class="screen-reader-text">Posted on </span>'
        f'<a href="{_e(post.url)}" rel="bookmark"><time class="entry-date published" '
        f'datetime="{_iso(post.published)}">{_human(post.published)}</time>'
        + (f'<time class="updated" datetime="{_iso(updated)}">{_human(updated)}</time>'
           if post.updated else "")
        + f"</a></span>{terms}</footer></article>"
    )


def render_classic(post: Post, *, wpcom: bool = False) -> str:
    """A classic-theme (or, with ``wpcom``, WordPress.com) single-post page."""
    sheet = ("https://s0.wp.com/wp-content/themes/pub/twentysixteen/style.css" if wpcom else
             "https://blog.example/wp-content/themes/twentysixteen/style.css?ver=3.1")
    generator = "WordPress.com" if wpcom else "WordPress 6.4.2"
    body_class = (f"post-template-default single single-post postid-{post.id} "
                  "single-format-standard" + (" highlander-enabled highlander-light"
                                              if wpcom else ""))
    return (
        _head(post, stylesheet=sheet, generator=generator)
        + f'<body class="{body_class}"><div id="page" class="site">'
        + _site_header(post)
        + '<div id="content" class="site-content"><div id="primary" class="content-area">'
        + '<main id="main" class="site-main">'
        + _classic_article(post)
        + _classic_discussion(post, wpcom=wpcom)
        + "</main></div></div></div></body></html>\n"
    )


def _block_item(c: Comment, i: int) -> str:
    assert c.date is not None
    assert c.author is not None
    name = (f'<a rel="external nofollow ugc" href="{_e(c.author.url)}" target="_self">'
            f"{_e(c.author.name)}</a>" if c.author.url else _e(c.author.name))
    return (
        f'<li id="comment-{c.id}" class="{_classes(c, i)}">'
        '<div class="wp-block-group"><div class="wp-block-columns"><div class="wp-block-column">'
        f'<div class="wp-block-comment-author-name">{name}</div>'
        f'<div class="wp-block-comment-date"><time datetime="{_iso(c.date)}">'
        f'<a href="https://blog.example/?p=1#comment-{c.id}">{_human(c.date)}</a></time>'
        "</div>"
        f'<div class="wp-block-comment-content">{_comment_body(c)}</div>'
        '<div class="wp-block-comment-reply-link"><a rel="nofollow" class="comment-reply-link"'
        f' href="#comment-{c.id}" data-commentid="{c.id}">Reply</a></div>'
        "</div></div></div>"
    )


def _block_pingback(p: Pingback, i: int) -> str:
    return (
        f'<li id="comment-{p.id}" class="pingback {"even" if i % 2 == 0 else "odd"} '
        'thread-even depth-1"><div class="wp-block-group"><div class="wp-block-columns">'
        '<div class="wp-block-column"><div class="wp-block-comment-author-name">'
        f'<a rel="external nofollow ugc" href="{_e(p.url)}" target="_self">{_e(p.title)} | '
        f"{_e(p.blog_name)}</a></div></div></div></div></li>"
    )


def render_block(post: Post) -> str:
    """A block-theme (Twenty Twenty-Three) single-post page."""
    assert post.published is not None
    assert post.site is not None
    terms = ""
    if post.categories:
        terms += ('<div class="taxonomy-category wp-block-post-terms">'
                  + _term_links(post.categories, "tag",
                                '<span class="wp-block-post-terms__separator">, </span>')
                  + "</div>")
    if post.tags:
        terms += ('<div class="taxonomy-post_tag wp-block-post-terms">'
                  + _term_links(post.tags, "tag",
                                '<span class="wp-block-post-terms__separator">, </span>')
                  + "</div>")
    author = post.authors[0]
    author_html = (f'<a href="{_e(author.url)}" target="_self" '
                   f'class="wp-block-post-author-name__link">{_e(author.name)}</a>'
                   if author.url else _e(author.name))
    discussion = ""
    if post.comments or post.pingbacks:
        items = _thread(post.comments, _block_item, "wp-block-comment-template")
        pings = "".join(_block_pingback(p, i) for i, p in enumerate(post.pingbacks))
        discussion = (
            '<div class="wp-block-comments">'
            f'<h2 class="wp-block-comments-title">{_count_title(post)}</h2>'
            + items[:-len("</ol>")] + pings + "</ol></div>"
        )
    return (
        _head(post, stylesheet="https://blog.example/wp-content/themes/twentytwentythree/"
                                "style.css?ver=1.2", generator="WordPress 6.4.2")
        + f'<body class="post-template-default single single-post postid-{post.id} '
          'single-format-standard wp-embed-responsive"><div class="wp-site-blocks">'
        + '<header class="wp-block-template-part"><div class="wp-block-group">'
        + f'<p class="wp-block-site-title"><a href="{_e(post.site.url)}" target="_self" '
          f'rel="home">{_e(post.site.name)}</a></p></div></header>'
        + '<main class="wp-block-group"><div class="wp-block-group">'
        + f'<h1 class="wp-block-post-title">{_e(post.title)}</h1>'
        + '<div class="wp-block-template-part"><div class="wp-block-group">'
        + f'<div class="wp-block-post-date"><time datetime="{_iso(post.published)}">'
          f"{_human(post.published)}</time></div>"
        + '<p class="wp-block-paragraph">by</p>'
        + f'<div class="wp-block-post-author-name">{author_html}</div></div></div></div>'
        + '<div class="entry-content wp-block-post-content is-layout-constrained">'
        + content_html(post, block=True) + "</div>"
        + '<div class="wp-block-group">' + terms + "</div>"
        + discussion
        + "</main></div></body></html>\n"
    )


def render_page(post: Post, theme: str) -> str:
    """``post`` as a single-post page in the markup of the built-in theme ``theme``."""
    if theme == "wordpress-classic":
        return render_classic(post)
    if theme == "wordpress-com":
        return render_classic(post, wpcom=True)
    if theme == "wordpress-block":
        return render_block(post)
    raise ValueError(theme)


# --- exports ---------------------------------------------------------------------------


def _cdata(text: str | None) -> str:
    return "<![CDATA[" + (text or "").replace("]]>", "]]]]><![CDATA[>") + "]]>"


def _wp_date(d: datetime) -> str:
    return f"{d:%Y-%m-%d %H:%M:%S}"


def _gmt(d: datetime) -> str:
    return _wp_date(d.astimezone(UTC))


def _login(name: str | None) -> str:
    """A login for a display name (exports name authors by login in items): one per name,
    so two authors never share one."""
    return "user" + hashlib.sha1((name or "").encode("utf-8", "surrogatepass")).hexdigest()[:20]


def wxr_item(post: Post) -> str:
    """``post`` as one ``<item>`` of a WXR 1.2 export."""
    assert post.published is not None
    author = post.authors[0] if post.authors else None
    body = "\n\n".join(_e(p) for p in (post.content_text or "").split("\n\n"))
    for c in post.captions:
        img = c.image
        assert img is not None
        text = _caption_text(c)
        body += (f'\n\n[caption id="attachment_{img.id}" align="{c.align or "alignnone"}" '
                 f'width="{img.width}"]<img class="size-full wp-image-{img.id}" '
                 f'src="{_e(img.src)}" alt="{_e(img.alt)}" width="{img.width}" '
                 f'height="{img.height}" /> {text}[/caption]')
    parts = [
        f"<item><title>{_cdata(_e(post.title))}</title><link>{_e(post.url)}</link>",
        f"<pubDate>{post.published:%a, %d %b %Y %H:%M:%S %z}</pubDate>",
        f"<dc:creator>{_cdata(_login(author.name) if author else '')}</dc:creator>",
        f'<guid isPermaLink="false">https://blog.example/?p={post.id}</guid>',
        "<description></description>",
        f"<content:encoded>{_cdata(body)}</content:encoded>",
        "<excerpt:encoded><![CDATA[]]></excerpt:encoded>",
        f"<wp:post_id>{post.id}</wp:post_id>",
        f"<wp:post_date>{_cdata(_wp_date(post.published))}</wp:post_date>",
        f"<wp:post_date_gmt>{_cdata(_gmt(post.published))}</wp:post_date_gmt>",
    ]
    if post.updated is not None:
        parts += [f"<wp:post_modified>{_cdata(_wp_date(post.updated))}</wp:post_modified>",
                  f"<wp:post_modified_gmt>{_cdata(_gmt(post.updated))}"
                  "</wp:post_modified_gmt>"]
    parts += [
        "<wp:comment_status><![CDATA[open]]></wp:comment_status>",
        "<wp:ping_status><![CDATA[open]]></wp:ping_status>",
        f"<wp:post_name>{_cdata((post.url or '').rstrip('/').rpartition('/')[2])}"
        "</wp:post_name>",
        "<wp:status><![CDATA[publish]]></wp:status><wp:post_parent>0</wp:post_parent>",
        "<wp:menu_order>0</wp:menu_order><wp:post_type><![CDATA[post]]></wp:post_type>",
        "<wp:post_password><![CDATA[]]></wp:post_password><wp:is_sticky>0</wp:is_sticky>",
    ]
    for t in post.categories:
        parts.append(f'<category domain="category" nicename="{_e(t.slug)}">'
                     f"{_cdata(_e(t.name))}</category>")
    for t in post.tags:
        parts.append(f'<category domain="post_tag" nicename="{_e(t.slug)}">'
                     f"{_cdata(_e(t.name))}</category>")
    for cm in post.comments:
        assert cm.author is not None
        assert cm.date is not None
        parts.append(
            f"<wp:comment><wp:comment_id>{cm.id}</wp:comment_id>"
            f"<wp:comment_author>{_cdata(_e(cm.author.name))}</wp:comment_author>"
            "<wp:comment_author_email><![CDATA[]]></wp:comment_author_email>"
            f"<wp:comment_author_url>{_e(cm.author.url)}</wp:comment_author_url>"
            "<wp:comment_author_IP><![CDATA[]]></wp:comment_author_IP>"
            f"<wp:comment_date>{_cdata(_wp_date(cm.date))}</wp:comment_date>"
            f"<wp:comment_date_gmt>{_cdata(_gmt(cm.date))}</wp:comment_date_gmt>"
            f"<wp:comment_content>{_cdata(_e(cm.content_text).replace(chr(10), chr(10) * 2))}"
            "</wp:comment_content>"
            "<wp:comment_approved><![CDATA[1]]></wp:comment_approved>"
            "<wp:comment_type><![CDATA[comment]]></wp:comment_type>"
            f"<wp:comment_parent>{cm.parent_id or 0}</wp:comment_parent>"
            f"<wp:comment_user_id>{1 if cm.by_post_author else 0}</wp:comment_user_id>"
            "</wp:comment>"
        )
    for p in post.pingbacks:
        parts.append(
            f"<wp:comment><wp:comment_id>{p.id}</wp:comment_id>"
            f"<wp:comment_author>{_cdata(_e(f'{p.title} | {p.blog_name}'))}"
            "</wp:comment_author>"
            f"<wp:comment_author_url>{_e(p.url)}</wp:comment_author_url>"
            "<wp:comment_date><![CDATA[2020-01-01 00:00:00]]></wp:comment_date>"
            "<wp:comment_date_gmt><![CDATA[2020-01-01 00:00:00]]></wp:comment_date_gmt>"
            "<wp:comment_content><![CDATA[[&#8230;] linked here [&#8230;]]]>"
            "</wp:comment_content><wp:comment_approved><![CDATA[1]]></wp:comment_approved>"
            "<wp:comment_type><![CDATA[pingback]]></wp:comment_type>"
            "<wp:comment_parent>0</wp:comment_parent></wp:comment>"
        )
    parts.append("</item>")
    return "".join(parts)


def render_wxr(posts: Sequence[Post]) -> bytes:
    """A whole WXR 1.2 export holding ``posts``."""
    site = posts[0].site if posts else None
    return (
        '<?xml version="1.0" encoding="UTF-8" ?>\n<rss version="2.0" '
        'xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:wfw="http://wellformedweb.org/CommentAPI/" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:wp="http://wordpress.org/export/1.2/">\n<channel>\n'
        f"<title>{_e(site.name if site else '')}</title>\n"
        "<link>https://blog.example</link>\n<description></description>\n"
        "<language>en-US</language>\n<wp:wxr_version>1.2</wp:wxr_version>\n"
        "<wp:base_site_url>https://blog.example</wp:base_site_url>\n"
        "<wp:base_blog_url>https://blog.example</wp:base_blog_url>\n"
        "<generator>https://wordpress.org/?v=6.4.2</generator>\n"
        + "".join(
            f"<wp:author><wp:author_id>{i + 1}</wp:author_id><wp:author_login>"
            f"{_cdata(_login(name))}</wp:author_login><wp:author_email><![CDATA[]]>"
            f"</wp:author_email><wp:author_display_name>{_cdata(_e(name))}"
            "</wp:author_display_name></wp:author>\n"
            for i, name in enumerate(dict.fromkeys(
                p.authors[0].name for p in posts if p.authors)))
        + "\n".join(wxr_item(p) for p in posts)
        + "\n</channel>\n</rss>\n"
    ).encode("utf-8")


# --- text dumps -------------------------------------------------------------------------


def render_text(post: Post) -> str:
    """``post``'s classic page as a browser's "select all, copy" text."""
    assert post.published is not None
    assert post.site is not None
    author = post.authors[0]
    lines = ["Skip to content", post.site.name or "", "", post.title or "", "",
             f"Posted on {_human(post.published)} by {author.name}", ""]
    for para in (post.content_text or "").split("\n\n"):
        lines += [para, ""]
    meta = []
    if post.categories:
        meta.append("Posted in " + ", ".join(t.name for t in post.categories))
    if post.tags:
        meta.append("Tagged " + ", ".join(t.name for t in post.tags))
    if meta:
        lines += [" | ".join(meta), ""]
    if post.comments or post.pingbacks:
        n = len(post.comments) + len(post.pingbacks)
        title = f"“{post.title}”"
        lines += [f"One thought on {title}" if n == 1 else f"{n} thoughts on {title}", ""]
        for c in post.comments:
            assert c.author is not None
            assert c.date is not None
            lines += [f"{c.author.name} says:", f"{_human(c.date)} at {c.date:%H:%M}", ""]
            for line in (c.content_text or "").split("\n"):
                lines += [line, ""]
            lines += ["Reply", ""]
        for p in post.pingbacks:
            lines += [f"Pingback: {p.title} | {p.blog_name}", ""]
    lines += ["Leave a Reply Cancel reply", "",
              "Your email address will not be published. Required fields are marked *", "",
              "Comment *", "", "Name *", "", "Email *", "", "Website", "", "Post Comment", ""]
    return "\n".join(lines)
