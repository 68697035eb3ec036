"""Text dumps of WordPress posts in Portuguese, Polish, Czech, Russian, Ukrainian, Turkish,
Romanian, Hungarian, Greek and Swedish.

Each language has one invented Twenty-style post, saved as lynx, w3m and Debian html2text print
it (``tests/dumps/locales/<language>_<tool>.txt``): a byline under the title, Jetpack sharing,
likes and related-posts headings, categories and tags in the footer, two comments of which one
answers the other, a pingback, the reply form, post navigation and a sidebar.  The words around
the post are the ones WordPress, Twenty Sixteen and Jetpack print in that language.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import NamedTuple

import pytest

import blogparse
from blogparse import Post
from blogparse._textdump import parse_text

LOCALES = Path(__file__).resolve().parent / "dumps" / "locales"
TOOLS = ("lynx", "w3m", "html2text")


class Expected(NamedTuple):
    """What each dump of a language's post must give."""

    title: str
    author: str
    published: str
    categories: tuple[str, ...]
    tags: tuple[str, ...]
    paragraphs: tuple[str, ...]
    comments: tuple[tuple[str, str, str], ...]
    pingback: tuple[str, str]
    heading: str
    note: str
    subscriptions: tuple[str, ...]
    submit: str
    share: str


POSTS: dict[str, Expected] = {
    # Portuguese (Brazil)
    "pt": Expected(
        title="Como salvamos as mudas de manjericão depois da geada",
        author="Ana Lima", published="2024-03-03",
        categories=("Horta",), tags=("manjericão", "geada"),
        paragraphs=(
            ("Na terça de manhã o termômetro do quintal marcava dois graus abaixo de zero, e as "
             "mudas de manjericão que estavam no banco do lado de fora ficaram com as folhas "
             "escuras e moles."),
            ("Levamos todas para a cozinha, cortamos as pontas queimadas e regamos pouco, só com "
             "água morna. Em quatro dias metade delas já tinha brotos novos perto da terra, o "
             "que nos deixou bem mais tranquilos."),
            "No ano que vem as mudas só vão para fora depois da última lua cheia de abril.",
        ),
        comments=(
            ("Rui Teixeira",
             "2024-03-04T09:15:00",
             "Aqui também perdemos o alecrim. Vou tentar a água morna."),
            ("Ana Lima",
             "2024-03-04T18:40:00",
             "Conta depois se funcionou com o alecrim!"),
        ),
        pingback=("Resumo da semana: geadas e sementes",
                  "Diário da Serra"),
        heading="Deixe um comentário",
        note="O seu endereço de e-mail não será publicado. Campos obrigatórios são marcados com *",
        subscriptions=(
            "Avise-me sobre novos comentários por e-mail.",
            "Avise-me sobre novas publicações por e-mail.",
        ),
        submit="Publicar comentário",
        share="Compartilhe isso:",
    ),
    # Polish
    "pl": Expected(
        title="Jak uratowaliśmy sadzonki papryki po przymrozku",
        author="Anna Kowalska", published="2024-03-03",
        categories=("Warzywnik",), tags=("papryka", "przymrozek"),
        paragraphs=(
            ("We wtorek rano termometr przy szklarni pokazywał minus trzy stopnie, a sadzonki "
             "papryki z werandy miały ciemne liście."),
            ("Przenieśliśmy je do kuchni, obcięliśmy zmarznięte wierzchołki i podlaliśmy "
             "odrobiną letniej wody. Po czterech dniach połowa roślin wypuściła nowe listki tuż "
             "przy ziemi."),
            "Co przetrwało:",
            "papryka słodka: osiem z dwunastu\npapryka ostra: wszystkie",
            "W przyszłym roku sadzonki wyjdą na werandę dopiero w połowie maja.",
        ),
        comments=(
            ("Tomasz Wrona",
             "2024-03-04T09:15:00",
             "U mnie zmarzły pomidory. Spróbuję z letnią wodą."),
            ("Anna Kowalska",
             "2024-03-04T18:40:00",
             "Daj znać, czy pomogło!"),
        ),
        pingback=("Przegląd tygodnia: mróz i nasiona",
                  "Dziennik Działkowca"),
        heading="Dodaj komentarz",
        note=("Twój adres email nie zostanie opublikowany. Pola, których wypełnienie jest "
              "wymagane, są oznaczone symbolem *"),
        subscriptions=(
            "Powiadom mnie o kolejnych komentarzach przez e-mail.",
            "Powiadom mnie o nowych wpisach przez e-mail.",
        ),
        submit="Opublikuj komentarz",
        share="Udostępnij to:",
    ),
    # Czech
    "cs": Expected(
        title="Jak jsme zachránili sazenice rajčat po mrazíku",
        author="Jan Novák", published="2024-03-03",
        categories=("Zelenina",), tags=("rajčata", "mráz"),
        paragraphs=(
            ("V úterý ráno ukazoval teploměr u skleníku minus tři stupně a sazenice rajčat, "
             "které zůstaly na verandě, měly tmavé a měkké listy."),
            ("Přenesli jsme je do kuchyně, ustřihli zmrzlé vršky a zalili trochou vlažné vody. "
             "Po čtyřech dnech už polovina rostlin pustila nové lístky těsně u země a ostatní se "
             "pomalu zotavují."),
            "Příští rok půjdou sazenice ven až po zmrzlých mužích.",
        ),
        comments=(
            ("Petr Dvořák",
             "2024-03-04T09:15:00",
             "Nám zmrzla paprika. Zkusím tu vlažnou vodu."),
            ("Jan Novák",
             "2024-03-04T18:40:00",
             "Dejte vědět, jestli to pomohlo!"),
        ),
        pingback=("Týden na zahradě: mráz a semínka",
                  "Deník zahrádkáře"),
        heading="Napsat komentář",
        note="Vaše e-mailová adresa nebude zveřejněna. Vyžadované informace jsou označeny *",
        subscriptions=(
            "Upozornit mě e-mailem na nové komentáře.",
            "Upozornit mě e-mailem na nové příspěvky.",
        ),
        submit="Odeslat komentář",
        share="Sdílejte:",
    ),
    # Russian
    "ru": Expected(
        title="Как мы спасли рассаду огурцов после заморозка",
        author="Мария Соколова", published="2024-03-03",
        categories=("Огород",), tags=("огурцы", "заморозки"),
        paragraphs=(
            ("Во вторник утром термометр у теплицы показывал минус три градуса, и рассада "
             "огурцов, оставленная на веранде, стояла с тёмными и мягкими листьями."),
            ("Мы занесли ящики на кухню, срезали подмёрзшие верхушки и немного полили тёплой "
             "водой. Через четыре дня половина растений дала новые листочки у самой земли, а "
             "остальные понемногу отходят."),
            "В следующем году рассада выйдет на веранду только в середине мая.",
        ),
        comments=(
            ("Игорь Белов",
             "2024-03-04T09:15:00",
             "У меня подмёрзли томаты. Попробую тёплую воду."),
            ("Мария Соколова",
             "2024-03-04T18:40:00",
             "Напишите потом, помогло ли!"),
        ),
        pingback=("Итоги недели: заморозки и семена",
                  "Дневник дачника"),
        heading="Добавить комментарий",
        note="Ваш адрес email не будет опубликован. Обязательные поля помечены *",
        subscriptions=(
            "Уведомить меня о новых комментариях по email.",
            "Уведомлять меня о новых записях почтой.",
        ),
        submit="Отправить комментарий",
        share="Поделиться:",
    ),
    # Ukrainian
    "uk": Expected(
        title="Як ми врятували розсаду перцю після приморозку",
        author="Олена Коваль", published="2024-03-03",
        categories=("Город",), tags=("перець", "приморозки"),
        paragraphs=(
            ("У вівторок зранку термометр біля теплиці показував мінус три градуси, і розсада "
             "перцю, що лишилася на веранді, мала темне й м'яке листя."),
            ("Ми перенесли ящики на кухню, обрізали підмерзлі верхівки й трохи полили теплою "
             "водою. За чотири дні половина рослин пустила нові листочки біля самої землі, а "
             "решта поволі оживає."),
            "Наступного року розсада вийде на веранду лише в середині травня.",
        ),
        comments=(
            ("Степан Мельник",
             "2024-03-04T09:15:00",
             "У мене підмерзли помідори. Спробую теплу воду."),
            ("Олена Коваль",
             "2024-03-04T18:40:00",
             "Напишіть потім, чи допомогло!"),
        ),
        pingback=("Підсумки тижня: приморозки й насіння",
                  "Щоденник городника"),
        heading="Залишити відповідь",
        note="Ваша e-mail адреса не оприлюднюватиметься. Обов’язкові поля позначені *",
        subscriptions=(
            "Сповіщати мене про нові коментарі поштою.",
            "Сповіщати мене про нові записи поштою.",
        ),
        submit="Опублікувати коментар",
        share="Поширити:",
    ),
    # Turkish
    "tr": Expected(
        title="Dondan sonra biber fidelerini nasıl kurtardık",
        author="Ayşe Demir", published="2024-03-03",
        categories=("Sebze bahçesi",), tags=("biber", "don"),
        paragraphs=(
            ("Salı sabahı seranın yanındaki termometre eksi üç dereceyi gösteriyordu ve "
             "verandada kalan biber fidelerinin yaprakları koyulaşıp yumuşamıştı."),
            ("Kasaları mutfağa taşıdık, donmuş uçları kestik ve biraz ılık suyla suladık. Dört "
             "gün sonra fidelerin yarısı toprağın hemen üstünde yeni yapraklar verdi, geri "
             "kalanlar da yavaş yavaş toparlanıyor."),
            "Gelecek yıl fideler verandaya ancak mayıs ortasında çıkacak.",
        ),
        comments=(
            ("Mehmet Kaya",
             "2024-03-04T09:15:00",
             "Bizde domatesler dondu. Ilık suyu deneyeceğim."),
            ("Ayşe Demir",
             "2024-03-04T18:40:00",
             "Sonra işe yarayıp yaramadığını yazın!"),
        ),
        pingback=("Haftanın özeti: don ve tohumlar",
                  "Bahçıvan Günlüğü"),
        heading="Bir cevap yazın",
        note="E-posta hesabınız yayımlanmayacak. Gerekli alanlar * ile işaretlenmişlerdir",
        subscriptions=(
            "Yeni yorumları bana e-posta ile bildir.",
            "Yeni yazıları bana e-posta ile bildir.",
        ),
        submit="Yorum gönder",
        share="Bunu paylaş:",
    ),
    # Romanian
    "ro": Expected(
        title="Cum am salvat răsadurile de ardei după îngheț",
        author="Ioana Popescu", published="2024-03-03",
        categories=("Legume",), tags=("ardei", "îngheț"),
        paragraphs=(
            ("Marți dimineață termometrul de lângă seră arăta minus trei grade, iar răsadurile "
             "de ardei rămase pe verandă aveau frunzele moi."),
            ("Am dus lădițele în bucătărie, am tăiat vârfurile degerate și le-am udat puțin cu "
             "apă călduță. După patru zile jumătate dintre plante au scos frunze noi chiar lângă "
             "pământ, iar celelalte își revin încet."),
            "Anul viitor răsadurile ies pe verandă abia la jumătatea lui mai.",
        ),
        comments=(
            ("Mihai Ionescu",
             "2024-03-04T09:15:00",
             "La mine au înghețat roșiile. Încerc și eu apa călduță."),
            ("Ioana Popescu",
             "2024-03-04T18:40:00",
             "Spune-mi dacă a mers!"),
        ),
        pingback=("Rezumatul săptămânii: îngheț și semințe",
                  "Jurnalul grădinarului"),
        heading="Lasă un răspuns",
        note="Adresa ta de email nu va fi publicată. Câmpurile obligatorii sunt marcate cu *",
        subscriptions=(
            "Anunță-mă prin email despre comentarii noi.",
            "Anunță-mă prin email despre articole noi.",
        ),
        submit="Publică comentariul",
        share="Partajează asta:",
    ),
    # Hungarian
    "hu": Expected(
        title="Hogyan mentettük meg a paprikapalántákat a fagy után",
        author="Kiss Anna", published="2024-03-03",
        categories=("Zöldséges",), tags=("paprika", "fagy"),
        paragraphs=(
            ("Kedden reggel az üvegház melletti hőmérő mínusz három fokot mutatott, és a "
             "verandán maradt paprikapalánták levelei sötétek és puhák lettek."),
            ("A ládákat bevittük a konyhába, levágtuk a megfagyott csúcsokat, és kevés langyos "
             "vízzel megöntöztük őket. Négy nap múlva a növények fele új leveleket hozott a föld "
             "közelében, a többi lassan erőre kap."),
            "Jövőre a palánták csak május közepén kerülnek ki a verandára.",
        ),
        comments=(
            ("Nagy Péter",
             "2024-03-04T09:15:00",
             "Nálunk a paradicsom fagyott meg. Kipróbálom a langyos vizet."),
            ("Kiss Anna",
             "2024-03-04T18:40:00",
             "Írd meg, hogy segített-e!"),
        ),
        pingback=("A hét összefoglalója: fagy és magok",
                  "Kertész napló"),
        heading="Vélemény, hozzászólás?",
        note="Az e-mail címet nem tesszük közzé. A kötelező mezőket * karakterrel jelöltük",
        subscriptions=(
            "Értesítés az új hozzászólásokról e-mailben.",
            "Értesítés az új bejegyzésekről e-mailben.",
        ),
        submit="Hozzászólás küldése",
        share="Megosztás:",
    ),
    # Greek
    "el": Expected(
        title="Πώς σώσαμε τα φυτά της πιπεριάς μετά τον παγετό",
        author="Νίκος Παππάς", published="2024-03-03",
        categories=("Λαχανόκηπος",), tags=("πιπεριές", "παγετός"),
        paragraphs=(
            ("Την Τρίτη το πρωί το θερμόμετρο δίπλα στο θερμοκήπιο έδειχνε μείον τρεις βαθμούς, "
             "και τα φυτά της πιπεριάς που είχαν μείνει στη βεράντα είχαν σκούρα και μαλακά "
             "φύλλα."),
            ("Μεταφέραμε τα κασόνια στην κουζίνα, κόψαμε τις παγωμένες κορυφές και τα ποτίσαμε "
             "λίγο με χλιαρό νερό. Μετά από τέσσερις μέρες τα μισά φυτά έβγαλαν καινούρια φύλλα "
             "κοντά στο χώμα."),
            "Του χρόνου τα φυτά θα βγουν στη βεράντα μόνο στα μέσα Μαΐου.",
        ),
        comments=(
            ("Γιώργος Λάμπρου",
             "2024-03-04T09:15:00",
             "Σε μας πάγωσαν οι ντομάτες. Θα δοκιμάσω το χλιαρό νερό."),
            ("Νίκος Παππάς",
             "2024-03-04T18:40:00",
             "Γράψε μας αν βοήθησε!"),
        ),
        pingback=("Η εβδομάδα σε λίγα λόγια: παγετός και σπόροι",
                  "Ημερολόγιο κηπουρού"),
        heading="Αφήστε μια απάντηση",
        note="Η ηλ. διεύθυνση σας δεν δημοσιεύεται. Τα υποχρεωτικά πεδία σημειώνονται με *",
        subscriptions=(
            "Ειδοποίησέ με για νέα σχόλια μέσω email.",
            "Ειδοποίησέ με για νέα άρθρα μέσω email.",
        ),
        submit="Δημοσίευση σχολίου",
        share="Κοινοποίηση:",
    ),
    # Swedish
    "sv": Expected(
        title="Så räddade vi paprikaplantorna efter frosten",
        author="Karin Lund", published="2024-03-03",
        categories=("Köksträdgård",), tags=("paprika", "frost"),
        paragraphs=(
            ("I tisdags morse visade termometern vid växthuset minus tre grader, och "
             "paprikaplantorna som stod kvar på verandan hade fått mörka och mjuka blad."),
            ("Vi bar in lådorna i köket, klippte bort de frusna topparna och vattnade lite med "
             "ljummet vatten. Efter fyra dagar hade hälften av plantorna fått nya blad nere vid "
             "jorden, och resten repar sig sakta."),
            "Det här klarade sig:",
            "paprika: åtta av tolv\nchili: alla",
            "Nästa år får plantorna stanna inne till mitten av maj.",
        ),
        comments=(
            ("Erik Berg",
             "2024-03-04T09:15:00",
             "Hos oss frös tomaterna. Jag ska prova med ljummet vatten."),
            ("Karin Lund",
             "2024-03-04T18:40:00",
             "Berätta sedan om det hjälpte!"),
        ),
        pingback=("Veckans sammanfattning: frost och frön",
                  "Odlardagboken"),
        heading="Lämna ett svar",
        note="Din e-postadress kommer inte publiceras. Obligatoriska fält är märkta *",
        subscriptions=(
            "Meddela mig om nya kommentarer via e-post.",
            "Meddela mig om nya inlägg via e-post.",
        ),
        submit="Publicera kommentar",
        share="Dela detta:",
    ),
}

CASES = [(lang, tool) for lang in POSTS for tool in TOOLS]


def _post(lang: str, tool: str) -> Post:
    result = parse_text((LOCALES / f"{lang}_{tool}.txt").read_text(encoding="utf-8"))
    assert result.kind == "single", result.defects
    post = result.post
    assert post is not None
    return post


def test_every_dump_is_checked() -> None:
    """Each language has its three dumps and no dump is left out of the table."""
    assert sorted(p.name for p in LOCALES.glob("*.txt")) == sorted(
        f"{lang}_{tool}.txt" for lang, tool in CASES)


@pytest.mark.parametrize(("lang", "tool"), CASES)
def test_title_byline_and_terms(lang: str, tool: str) -> None:
    """The title, the byline's author and date, and the footer's categories and tags."""
    post, expected = _post(lang, tool), POSTS[lang]
    assert post.title == expected.title
    assert [a.name for a in post.authors] == [expected.author]
    assert post.published == datetime.fromisoformat(expected.published)
    assert [t.name for t in post.categories] == list(expected.categories)
    assert [t.name for t in post.tags] == list(expected.tags)
    assert all(t.taxonomy == "category" for t in post.categories)
    assert all(t.taxonomy == "post_tag" for t in post.tags)


@pytest.mark.parametrize(("lang", "tool"), CASES)
def test_body_without_furniture(lang: str, tool: str) -> None:
    """The body is the post's own paragraphs and list, exactly: no skip link, menu, byline,
    sharing, likes, related posts, terms, comments or form."""
    post, expected = _post(lang, tool), POSTS[lang]
    assert post.content_text == "\n\n".join(expected.paragraphs)
    assert expected.share not in (post.content_text or "")


@pytest.mark.parametrize(("lang", "tool"), CASES)
def test_comments_and_pingback(lang: str, tool: str) -> None:
    """The count heading's number, two comments with author, date and text (the second a
    reply to the first), and the pingback's title and blog."""
    post, expected = _post(lang, tool), POSTS[lang]
    assert post.response_count == 2
    assert [(c.author.name if c.author else None, c.date, c.content_text, c.depth)
            for c in post.comments] == [
        (name, datetime.fromisoformat(date), text, depth)
        for depth, (name, date, text) in enumerate(expected.comments, start=1)]
    assert [(p.kind, p.title, p.blog_name) for p in post.pingbacks] == [
        ("pingback", *expected.pingback)]


@pytest.mark.parametrize(("lang", "tool"), CASES)
def test_comment_form(lang: str, tool: str) -> None:
    """The reply form's heading without its cancel link, the note, the subscription check
    boxes and the submit button; the cookie consent box is no subscription."""
    form, expected = _post(lang, tool).comment_form, POSTS[lang]
    assert form is not None
    assert form.heading == expected.heading
    assert form.notes == (expected.note,)
    assert form.subscription_options == expected.subscriptions
    assert form.submit_label == expected.submit


@pytest.mark.parametrize("lang", list(POSTS))
def test_lynx_references_give_ids_and_urls(lang: str) -> None:
    """lynx's link list gives the comments' ids and thread, and the pingback's url."""
    post = _post(lang, "lynx")
    assert [(c.id, c.parent_id) for c in post.comments] == [(211, None), (212, 211)]
    assert [p.url for p in post.pingbacks] == [
        f"https://links-{lang}.example.org/2024/03/08/week/"]
    assert post.authors[0].url is not None


@pytest.mark.parametrize("lang", list(POSTS))
def test_parse_page_sniffs_the_dump(lang: str) -> None:
    """parse_page reads the dump's bytes as text and gives the same post."""
    data = (LOCALES / f"{lang}_w3m.txt").read_bytes()
    result = blogparse.parse_page(data)
    assert result.format == "text"
    assert result.post == parse_text(data.decode("utf-8")).post


# --- single lines ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("heading", "count", "title"),
    [
        ("2 myśli na temat “Zima”", 2, "Zima"),
        ("Jedna myśl na temat “Zima”", 1, "Zima"),
        ("3 komentáře na „Zima“", 3, "Zima"),
        ("«Зима»: 5 комментариев", 5, "Зима"),
        ("2 коментаря для “Зима”", 2, "Зима"),
        ("“Kış” için 4 yorum", 4, "Kış"),
        ("2 gânduri despre „Iarna”", 2, "Iarna"),
        ("“Tél” bejegyzéshez 6 hozzászólás", 6, "Tél"),
        ("Μια σκέψη στο “Χειμώνας”", 1, "Χειμώνας"),
        ("2 reaktioner till ”Vinter”", 2, "Vinter"),
    ],
)
def test_comment_count_headings(heading: str, count: int, title: str) -> None:
    """Comments headings as Twenty Sixteen words them in each language give the count, and
    their quoted title names the post."""
    text = (f"Notatki\n\n{title}\n\nPosted on March 2, 2024 by Wen Ashby\n\n"
            "The water went out further than anyone on the quay could remember, and stayed "
            "out for most of the afternoon while the boats sat on the mud.\n\n"
            f"{heading}\n\nPingback: Links for March | Quay Diary\n")
    post = parse_text(text).post
    assert post is not None
    assert (post.title, post.response_count) == (title, count)


@pytest.mark.parametrize(
    ("byline", "author"),
    [
        ("Yayın tarihi 3 Mart 2024 Ayşe Demir tarafından", "Ayşe Demir"),
        ("Közzétéve 2024. március 3. Kiss Anna által", "Kiss Anna"),
        ("Publicerat den 3 mars 2024 av Karin Lund", "Karin Lund"),
        ("Δημοσιεύτηκε την 3 Μαρτίου 2024 από Νίκος Παππάς", "Νίκος Παππάς"),
        ("Publicat în 3 martie 2024 de Ioana Popescu", "Ioana Popescu"),
        ("Publicado em 3 de março de 2024 por Ana Lima", "Ana Lima"),
        ("Publikováno: 3. března 2024", None),
    ],
)
def test_one_line_bylines(byline: str, author: str | None) -> None:
    """A byline that names the author before or after the date ("… Ayşe Demir tarafından",
    "… de Ioana Popescu") gives both; a Romanian "de" only follows the date, so the "de" of a
    Portuguese date is no author's."""
    text = ("****** Notes ******\n***** Frost on the Allotment *****\n" + byline + "\n"
            "The frost came in overnight and stayed on the leeks until noon, so we left the "
            "cold frame shut and waited for the sun to reach the far beds.\n")
    post = parse_text(text).post
    assert post is not None
    assert post.published == datetime(2024, 3, 3)
    assert [a.name for a in post.authors] == ([author] if author else [])


def test_greek_capital_delta_is_text_and_akismet_label_is_not() -> None:
    """A Greek line may start with "Δ"; Akismet's hidden "Δ" label alone is still dropped."""
    text = (LOCALES / "el_w3m.txt").read_text(encoding="utf-8").replace(
        "Γράψε μας αν βοήθησε!\n", "Γράψε μας αν βοήθησε!\n        Δ\n")
    assert "        Δ\n" in text
    post = parse_text(text).post
    assert post is not None
    assert [a.name for a in post.authors] == ["Νίκος Παππάς"]
    assert [c.content_text for c in post.comments] == [c[2] for c in POSTS["el"].comments]


def test_portuguese_comment_time_after_as() -> None:
    """Portuguese joins a comment's date and time with "às": the time is kept."""
    [first, _] = _post("pt", "w3m").comments
    assert first.date == datetime(2024, 3, 4, 9, 15)
