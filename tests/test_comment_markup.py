"""Comment markup beyond WordPress' default walker: wpDiscuz, author lines printed inside the
comment's text, and author elements holding more than the name."""

from __future__ import annotations

from datetime import UTC, datetime

import blogparse
from blogparse import Comment


def _page(discussion: str) -> bytes:
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Lanterns by the quay | Harbour Notes</title></head>
<body class="post-template-default single single-post postid-40">
<article id="post-40" class="post-40 post type-post status-publish hentry">
<h1 class="entry-title">Lanterns by the quay</h1>
<div class="entry-content"><p>The lanterns were lit an hour before the ferry came in.</p></div>
</article>
<div id="comments" class="comments-area">{discussion}</div>
</body></html>""".encode()


def _comments(discussion: str) -> tuple[Comment, ...]:
    return blogparse.parse_page(_page(discussion)).posts[0].comments


def _name(comment: Comment) -> str | None:
    return comment.author.name if comment.author is not None else None


_WPDISCUZ_6 = """
<div id="wpcomm" class="wpdiscuz_unauth wpd-default">
<div id="wcThreadWrapper" class="wc-thread-wrapper">
 <div id="wc-comm-501_0" class="wc-comment wc-blog-guest wc_comment_level-1">
  <div class="wc-comment-left"><img alt="Mira" src="a.png" class="avatar avatar-64 photo">
   <div class="wc-blog-guest wc-comment-label"><span>Guest</span></div></div>
  <div id="comment-501" class="wc-comment-right">
   <div class="wc-comment-header"><div class="wc-comment-author">Mira</div>
    <div class="wc-comment-link"><span class="share_buttons_box"><a class="wc_tw">
     <span>Share this comment</span></a></span></div></div>
   <div class="wc-comment-text"><p>Were the lanterns paper or glass?</p></div>
   <div class="wc-comment-footer"><div class="wc-footer-left"><span class="wc-vote-result">2</span>
    </div><div class="wc-footer-right"><div class="wc-comment-date"><i class="fa fa-clock-o"></i>
    3 weeks ago</div></div></div>
  </div>
  <div id="wc-comm-502_501" class="wc-comment wc-reply wc-blog-post_author wc_comment_level-2">
   <div id="comment-502" class="wc-comment-right">
    <div class="wc-comment-header"><div class="wc-comment-author">
     <a href="https://harbour.example/" rel="nofollow">Tomas</a></div></div>
    <div class="wc-comment-text"><p>Glass, with copper frames.<span id="wpdiscuz-readmore-502"
     ><span class="wpdiscuz-hellip">…</span><span class="wpdiscuz-readmore">Read more</span
     ></span></p></div>
   </div>
  </div>
 </div>
</div></div>"""


def test_wpdiscuz_comments_are_threaded_with_their_authors() -> None:
    """wpDiscuz 5-6 markup: author, text without header and footer, replies nested."""
    first, reply = _comments(_WPDISCUZ_6)
    assert (first.id, first.parent_id, first.depth) == (501, None, 1)
    assert _name(first) == "Mira"
    assert first.content_text == "Were the lanterns paper or glass?"
    assert first.date is None  # "3 weeks ago" is no date
    assert not first.by_post_author
    assert (reply.id, reply.parent_id, reply.depth) == (502, 501, 2)
    assert reply.author is not None
    assert (reply.author.name, reply.author.url) == ("Tomas", "https://harbour.example/")
    assert reply.by_post_author
    assert reply.content_text == "Glass, with copper frames.…"


_WPDISCUZ_7 = """
<div id="wpdcom" class="wpdiscuz_unauth wpd-default wpd-layout-1">
<div class="wpd-thread-list">
 <div id="wpd-comm-610_0" class="comment even thread-even depth-1 wpd-comment wpd_comment_level-1">
  <div class="wpd-comment-wrap wpd-blog-post_author">
   <div class="wpd-comment-left"><div class="wpd-avatar"><img class="avatar" src="b.png" alt="">
   </div></div>
   <div id="comment-610" class="wpd-comment-right">
    <div class="wpd-comment-header"><div class="wpd-comment-author">
     <a href="https://quay.example/about" rel="nofollow">Ines Moll</a></div></div>
    <div class="wpd-comment-subheader"><div class="wpd-comment-label"><span>Author</span></div>
     <div class="wpd-comment-date" title="14 March 2024 9:05 pm"><i class="far fa-clock"></i>
     2 years ago</div></div>
    <div class="wpd-comment-text"><p>The ferry was late that night.</p></div>
    <div class="wpd-comment-footer"><div class="wpd-vote"><div class="wpd-vote-result">0</div>
    </div><div class="wpd-reply-button"><span>Reply</span></div></div>
   </div>
  </div>
 </div>
</div></div>"""


def test_wpdiscuz_7_comment_dates_come_from_the_title() -> None:
    """wpDiscuz 7: the date's title holds the full date; the wrapper marks the post's author."""
    (comment,) = _comments(_WPDISCUZ_7)
    assert comment.id == 610
    assert comment.author is not None
    assert (comment.author.name, comment.author.url) == ("Ines Moll", "https://quay.example/about")
    assert comment.date == datetime(2024, 3, 14, 21, 5)
    assert comment.content_text == "The ferry was late that night."
    assert comment.by_post_author


def test_an_author_line_inside_the_comment_text_is_read_and_left_out() -> None:
    """<span class="author"> and a link carrying datetime, printed in the text's element."""
    (comment,) = _comments("""<ol class="commentlist">
<li class="comment even depth-1" id="comment-71"><img class="avatar" src="c.png" alt="">
 <div class="comment longComment">
  <p><span class="author">Pia Lund</span> &bull;
   <a href="#comment-71" class="time" datetime="2021-09-02T08:30:00+00:00">4 years ago</a></p>
  <p>I walked the quay every evening that summer.</p>
 </div></li></ol>""")
    assert _name(comment) == "Pia Lund"
    assert comment.date == datetime(2021, 9, 2, 8, 30, tzinfo=UTC)
    assert comment.content_text == "I walked the quay every evening that summer."


def test_kubrick_cite_names_the_commenter_and_says_is_dropped() -> None:
    """<cite>Name</cite> Says: names the author; a cite quoting a work in the text does not."""
    first, second = _comments("""<ol class="commentlist">
<li class="alt" id="comment-81"><cite>Oskar Vane</cite> Says:<br>
 <small class="commentmetadata"><a href="#comment-81">June 3rd, 2009 at 7:15 pm</a></small>
 <p>Lovely photographs of the harbour.</p></li>
<li id="comment-82"><p>It reminded me of <cite>The Lighthouse Keeper</cite>, a book.</p></li>
</ol>""")
    assert _name(first) == "Oskar Vane"
    assert first.date == datetime(2009, 6, 3, 19, 15)
    assert first.content_text == "Lovely photographs of the harbour."
    assert second.author is None
    assert second.content_text == "It reminded me of The Lighthouse Keeper, a book."


def test_wordpress_author_link_outside_an_author_box() -> None:
    """get_comment_author_link()'s <a class="url" rel="external nofollow"> in a paragraph."""
    (comment,) = _comments("""<div class="comment depth-1" id="li-comment-90">
<div id="comment-90" class="entry">
 <p><a href="https://sail.example" rel="external nofollow" class="url">Edda Ruiz</a>
  <a class="comment-link" href="#comment-90">1 year</a></p>
 <p>The quay lights are on a timer now.</p></div></div>""")
    assert comment.author is not None
    assert (comment.author.name, comment.author.url) == ("Edda Ruiz", "https://sail.example")
    assert comment.content_text == "The quay lights are on a timer now."


def test_author_box_with_the_date_inside_gives_only_the_name() -> None:
    """A date, permalink and reply link inside the author element are not part of the name."""
    first, second = _comments("""<ol class="commentlist">
<li class="comment depth-1"><div id="comment-95" class="comment-wrap">
 <div class="comment-content"><div class="comment-author">Henrik Sol <span>
  <a href="#" title="Permalink to this comment"
   ><time datetime="2020-07-29">29.07.2020 // 12:56</time>
  </a></span></div><p>Calm water all week.</p></div></div></li>
<li class="comment depth-1"><article id="comment-96" class="comment-article">
 <span class="comment-number">2</span>
 <header class="comment__meta comment-author">
  <span class="comment__author-name">Lea Brand</span>
  <time class="comment__time" datetime="2020-08-11T11:38:13+02:00">
   <a href="#comment-96" class="comment__timestamp">on 11/08/2020 at 11:38</a></time>
  <div class="comment__links"><a class="comment-reply-link" href="#comment-96">Reply</a></div>
 </header>
 <section class="comment__content comment"><p>Beautiful evening.</p></section></article></li>
</ol>""")
    assert _name(first) == "Henrik Sol"
    assert _name(second) == "Lea Brand"
    assert second.content_text == "Beautiful evening."  # BEM .comment__content


def test_an_author_box_holding_only_the_avatar_is_passed_over() -> None:
    """An empty .comment-author (just the avatar) does not hide the name printed after it."""
    (comment,) = _comments("""<ol class="commentlist">
<li class="comment depth-1" id="li-comment-99"><div id="comment-99" class="comment-body">
 <div class="comment-author vcard"><img class="avatar" src="d.png" alt=""></div>
 <div class="extra-wrap"><span class="author">Noor</span><br>
  <p>Which pier was this?</p></div></div></li></ol>""")
    assert _name(comment) == "Noor"


def test_a_naive_pingback_date_comes_with_its_defect() -> None:
    """A pingback dated without a zone is reported like a comment dated without one."""
    result = blogparse.parse_page(_page("""<ol class="commentlist">
<li class="pingback even depth-1" id="comment-120"><div class="comment-body">Pingback:
 <a href="https://ferries.example/timetables/" rel="external nofollow" class="url">Timetables
 | Ferry Notes</a> <span class="comment-meta"><a href="#comment-120">June 3, 2009 at 7:15 pm</a>
 </span></div></li></ol>"""))
    (pingback,) = result.posts[0].pingbacks
    assert pingback.date == datetime(2009, 6, 3, 19, 15)
    assert [d.field for d in result.defects if d.kind is blogparse.DefectKind.NAIVE_DATE] == [
        "pingbacks.date"]


def test_a_trap_for_robots_is_no_form_field_and_its_label_names_the_real_one() -> None:
    """A hidden text area named "comment" is left out; the visible one takes its label."""
    form = blogparse.parse_page(_page("""<div id="respond" class="comment-respond">
<h3 id="reply-title" class="comment-reply-title">Leave a Reply</h3>
<form action="https://quay.example/wp-comments-post.php" method="post" id="commentform">
<p class="comment-form-comment"><label for="comment">Comment</label>
<textarea id="q81f0c2d9e" name="q81f0c2d9e" cols="45" rows="8" required></textarea>
<textarea id="comment" aria-hidden="true" name="comment" autocomplete="new-password"
 style="clip:rect(1px, 1px, 1px, 1px) !important;position:absolute !important"
 tabindex="-1"></textarea></p>
<p class="comment-form-author"><label for="author">Name</label>
<input id="author" name="author" type="text" required></p>
<p class="form-submit"><input name="submit" type="submit" id="submit" value="Post Comment">
<input type="hidden" name="comment_post_ID" value="40" id="comment_post_ID"></p>
</form></div>""")).posts[0].comment_form
    assert form is not None
    assert [(f.name, f.kind, f.label, f.required) for f in form.fields] == [
        ("q81f0c2d9e", "textarea", "Comment", True), ("author", "text", "Name", True)]


def test_comment_time_class_and_blogger_permalink_times() -> None:
    """span.comment_time dates a comment; a Blogger permalink's showComment gives the time
    in UTC when the link shows only the hour."""
    first, second = _comments("""<dl id="comment_list">
<dt class="comment even depth-1" id="comment-301"><span class="comment_author">Vera</span>
<span class="comment_time"><a href="#comment-301">July 6, 2015 at 6:57 pm</a></span></dt>
<dd class="comment even depth-1"><div class="format_text"><p>Fine list.</p></div></dd>
<dt class="comment odd depth-1" id="comment-302"><span class="comment_author">Ugo</span>
<span class="datetime"><a href="https://quay.example/2013/10/lanterns.html?showComment=1381172401000#c302"
>21:00</a></span></dt>
<dd class="comment odd depth-1"><div class="format_text"><p>Nice one.</p></div></dd>
</dl>""")
    assert (_name(first), first.date) == ("Vera", datetime(2015, 7, 6, 18, 57))
    assert (_name(second), second.date) == ("Ugo", datetime(2013, 10, 7, 19, 0, 1, tzinfo=UTC))


def test_an_author_link_in_the_only_paragraph_keeps_the_text() -> None:
    """When the author's line is all the comment holds, the text is kept whole."""
    (comment,) = _comments("""<ol class="commentlist"><li class="comment depth-1" id="comment-140">
<div class="comment-content"><p><a href="https://ro.example" rel="external nofollow"
 class="url">Ro</a> agrees.</p></div></li></ol>""")
    assert _name(comment) == "Ro"
    assert comment.content_text == "Ro agrees."


def test_sandbox_commenter_line_in_a_bare_cite() -> None:
    """<cite>Comment by <a>Ann</a> — 17.07, 2011 @ 13:04</cite>: author, date, and the
    line left out of the text, with or without a link on the name."""
    discussion = """<ol id="commentlist">
<li id="comment-71"><p>The quay lamps were gas until the war.</p>
<p><cite>Comment by <a href='https://ann.example/' rel='external nofollow' class='url'>Ann
Holm</a> &#8212; 17.07, 2011 @ <a href="#comment-71">13:04</a></cite> </p></li>
<li id="comment-72"><p>My grandfather lit them.</p>
<p><cite>Comment by Piet &#8212; 18.07, 2011 @ <a href="#comment-72">09:15</a></cite></p></li>
<li id="comment-73"><p>Which book says so? <cite>Harbour Lights, 1931</cite></p>
<p><cite>Kommentar von Jo am 19.07.2011 um 10:00</cite></p></li>
</ol>"""
    comments = _comments(discussion)
    assert [(_name(c), c.date, c.content_text) for c in comments] == [
        ("Ann Holm", datetime(2011, 7, 17, 13, 4), "The quay lamps were gas until the war."),
        ("Piet", datetime(2011, 7, 18, 9, 15), "My grandfather lit them."),
        ("Jo", datetime(2011, 7, 19, 10, 0), "Which book says so? Harbour Lights, 1931"),
    ]


def test_a_bare_date_line_after_the_name() -> None:
    """<span class="author">Ann</span><br />März 7, 2018 <p>…: the line after the name is
    the date and no part of the text; a sentence of the comment's that holds a date is
    neither taken for the date nor left out."""
    discussion = """<ol class="commentlist">
<li class="comment depth-1" id="li-comment-81"><div id="comment-81" class="comment-body">
<div class="comment-author vcard"><img alt="" src="a.png" class="avatar"></div>
<div class="extra-wrap"><span class="author">Ines</span><br />
März 7, 2018 <p>Die Laternen brennen wieder.</p></div></div></li>
<li class="comment depth-1" id="li-comment-82"><div id="comment-82" class="comment-body">
<div class="extra-wrap"><span class="author">Rob</span> I was on the quay on March 7, 2018
and saw them lit.<p>Lovely.</p></div></div></li>
</ol>"""
    ines, rob = _comments(discussion)
    assert (_name(ines), ines.date, ines.content_text) == (
        "Ines", datetime(2018, 3, 7), "Die Laternen brennen wieder.")
    assert (_name(rob), rob.date) == ("Rob", None)
    assert rob.content_text == "I was on the quay on March 7, 2018 and saw them lit.\nLovely."


def test_the_says_word_in_more_languages_is_no_part_of_the_name() -> None:
    """"Jan napisał:", "Иван пишет:", "Ana escreveu:": the name alone."""
    discussion = """<ol class="commentlist">
<li id="comment-91" class="comment"><div class="comment-author vcard">Jan Nowak napisał:</div>
<p>Dobrze.</p></li>
<li id="comment-92" class="comment"><div class="comment-author vcard">Иван пишет:</div>
<p>Хорошо.</p></li>
<li id="comment-93" class="comment"><div class="comment-author vcard">Ana Lima escreveu:</div>
<p>Ótimo.</p></li></ol>"""
    assert [_name(c) for c in _comments(discussion)] == ["Jan Nowak", "Иван", "Ana Lima"]


def test_the_heading_printed_just_before_a_bare_reply_form() -> None:
    """A theme without #respond prints its heading and a cancel link before the form; the
    comments' own heading, across the list, is not the form's."""
    html = """<!DOCTYPE html><html><head><meta name="generator" content="WordPress 4.9">
<title>Moorings | Quay</title></head><body class="single single-post postid-40">
<div class="post" id="post-40"><h1 class="entry-title">Moorings</h1>
<div class="entry"><p>Two new moorings.</p></div></div>
<h3 id="comments">No Responses</h3><ol class="commentlist"></ol>
<div class="commentformwrapper"><a name="respond"></a><h2 class="respondstart">Antworten</h2>
<div class="cancel-comment-reply"><small><a rel="nofollow" id="cancel-comment-reply-link"
 href="#respond" style="display:none;">Cancel</a></small></div>
<form action="https://quay.example/wp-comments-post.php" method="post" id="commentform">
<p><textarea name="comment" id="comment"></textarea></p></form></div></body></html>"""
    post = blogparse.parse_page(html.encode()).post
    assert post is not None
    assert post.comment_form is not None
    assert post.comment_form.heading == "Antworten"


def test_a_bare_form_after_the_comment_list_has_no_heading_of_the_comments() -> None:
    html = """<!DOCTYPE html><html><head><meta name="generator" content="WordPress 4.9">
<title>Moorings | Quay</title></head><body class="single single-post postid-40">
<div class="post" id="post-40"><h1 class="entry-title">Moorings</h1>
<div class="entry"><p>Two new moorings.</p></div></div>
<div class="comments"><h3 id="comments">One Response</h3><ol class="commentlist">
<li id="comment-1" class="comment"><cite>Ann</cite><p>Nice.</p></li></ol>
<form action="https://quay.example/wp-comments-post.php" method="post" id="commentform">
<p><textarea name="comment" id="comment"></textarea></p></form></div></body></html>"""
    post = blogparse.parse_page(html.encode()).post
    assert post is not None
    assert post.comment_form is not None
    assert post.comment_form.heading is None
