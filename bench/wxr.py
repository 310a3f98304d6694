#!/usr/bin/env python3
"""Writes a WordPress export (WXR 1.2) of N generated French posts to standard output:
classic-editor and block-editor texts of 3 to 12 paragraphs with sub-headings, links and
emphasis, 8 nested categories, 40 tags, 5 authors and 0 to 4 comments a post (some
threaded). The same N gives the same file.

    python3 bench/wxr.py 10000 > /tmp/site.xml
"""
import random
import sys

WORDS = ("le la les un une des et à de du en pour sur avec dans par au aux ville région "
         "conseil projet habitants marché eau école route santé festival médina port "
         "agriculture budget travaux jeunes emploi tourisme commune quartier semaine "
         "annonce réunion décision partenaires coopérative université élus lundi mardi "
         "Marrakech Rabat Casablanca Agadir Safi Essaouira Atlas l’été d’ici").split()
CATEGORIES = [("politique", ""), ("diplomatie", "politique"), ("economie", ""),
              ("entreprises", "economie"), ("societe", ""), ("sport", ""),
              ("culture", ""), ("international", "")]


def sentence(rng):
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 22))]
    words[0] = words[0].capitalize()
    return " ".join(words) + "."


def paragraph(rng):
    text = " ".join(sentence(rng) for _ in range(rng.randint(2, 5)))
    if rng.random() < 0.3:
        text += ' Voir <a href="https://example.org/dossier">le dossier</a> et <strong>les chiffres</strong>.'
    return text


def cdata(text):
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10000
    rng = random.Random(1)
    out = sys.stdout
    out.write('<?xml version="1.0" encoding="UTF-8" ?>\n<rss version="2.0" '
              'xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" '
              'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
              'xmlns:dc="http://purl.org/dc/elements/1.1/" '
              'xmlns:wp="http://wordpress.org/export/1.2/">\n<channel>\n'
              '<title>Banc d’essai</title><link>https://bench.example.ma</link>'
              '<language>fr-FR</language><wp:wxr_version>1.2</wp:wxr_version>'
              '<wp:base_site_url>https://bench.example.ma</wp:base_site_url>'
              '<wp:base_blog_url>https://bench.example.ma</wp:base_blog_url>\n')
    for i in range(5):
        out.write(f"<wp:author><wp:author_id>{i + 1}</wp:author_id><wp:author_login>auteur{i}</wp:author_login>"
                  f"<wp:author_email>auteur{i}@bench.example.ma</wp:author_email>"
                  f"<wp:author_display_name>{cdata(f'Auteur {i}')}</wp:author_display_name></wp:author>\n")
    for i, (slug, parent) in enumerate(CATEGORIES):
        out.write(f"<wp:category><wp:term_id>{i + 1}</wp:term_id><wp:category_nicename>{slug}</wp:category_nicename>"
                  f"<wp:category_parent>{parent}</wp:category_parent><wp:cat_name>{cdata(slug.capitalize())}</wp:cat_name></wp:category>\n")
    for i in range(40):
        out.write(f"<wp:tag><wp:term_id>{100 + i}</wp:term_id><wp:tag_slug>sujet-{i}</wp:tag_slug>"
                  f"<wp:tag_name>{cdata(f'Sujet {i}')}</wp:tag_name></wp:tag>\n")
    comment_id = 1
    for post in range(1, n + 1):
        day = 1 + post % 28
        month = 1 + (post // 28) % 12
        year = 2015 + (post // 336) % 10
        date = f"{year}-{month:02d}-{day:02d} {post % 24:02d}:{post % 60:02d}:00"
        slug = f"article-{post}"
        blocks = rng.random() < 0.5
        parts = []
        for p in range(rng.randint(3, 12)):
            if p and p % 4 == 0:
                heading = sentence(rng)[:-1]
                parts.append(f"<!-- wp:heading -->\n<h2>{heading}</h2>\n<!-- /wp:heading -->" if blocks else f"<h2>{heading}</h2>")
            text = paragraph(rng)
            parts.append(f"<!-- wp:paragraph -->\n<p>{text}</p>\n<!-- /wp:paragraph -->" if blocks else text)
        content = "\n\n".join(parts)
        category = CATEGORIES[post % len(CATEGORIES)][0]
        tags = "".join(f'<category domain="post_tag" nicename="sujet-{t}">{cdata(f"Sujet {t}")}</category>'
                       for t in rng.sample(range(40), rng.randint(0, 4)))
        comments = []
        first = None
        for c in range(rng.choice([0, 0, 1, 2, 4])):
            parent = first if (first and rng.random() < 0.4) else 0
            comments.append(
                f"<wp:comment><wp:comment_id>{comment_id}</wp:comment_id><wp:comment_author>{cdata('Lecteur %d' % c)}</wp:comment_author>"
                f"<wp:comment_author_email>lecteur{c}@example.org</wp:comment_author_email><wp:comment_author_IP>192.0.2.{c}</wp:comment_author_IP>"
                f"<wp:comment_date_gmt>{date}</wp:comment_date_gmt><wp:comment_content>{cdata(sentence(rng))}</wp:comment_content>"
                f"<wp:comment_approved>{rng.choice(['1', '1', '1', '0', 'spam'])}</wp:comment_approved><wp:comment_type>comment</wp:comment_type>"
                f"<wp:comment_parent>{parent}</wp:comment_parent></wp:comment>")
            first = first or comment_id
            comment_id += 1
        out.write(f"<item><title>{cdata(sentence(rng)[:-1])}</title>"
                  f"<link>https://bench.example.ma/{year}/{month:02d}/{day:02d}/{slug}/</link>"
                  f"<dc:creator>auteur{post % 5}</dc:creator><content:encoded>{cdata(content)}</content:encoded>"
                  f"<excerpt:encoded><![CDATA[]]></excerpt:encoded><wp:post_id>{post}</wp:post_id>"
                  f"<wp:post_date>{date}</wp:post_date><wp:post_date_gmt>{date}</wp:post_date_gmt>"
                  f"<wp:post_modified_gmt>{date}</wp:post_modified_gmt><wp:comment_status>open</wp:comment_status>"
                  f"<wp:post_name>{slug}</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type>"
                  f'<category domain="category" nicename="{category}">{cdata(category.capitalize())}</category>{tags}'
                  f"{''.join(comments)}</item>\n")
    out.write("</channel>\n</rss>\n")


main()
