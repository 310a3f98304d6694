# Strings of the reader-facing site, in French (the default locale).
# Every key here exists in every other locale; a test checks it.

## Dates (chrono patterns; month and day names come from the locale)
date-long-format = %A %-d %B %Y
date-medium-format = %-d %B %Y
date-time-format = %-d %B %Y à %-H h %M

## Header, navigation, footer
nav-home = Accueil
nav-menu = Menu
nav-main-label = Rubriques
nav-skip = Aller au contenu
breadcrumbs-label = Fil d’Ariane
footer-sections = Rubriques
footer-about = À propos
footer-copyright = © { $year } { $site }. Tous droits réservés.
footer-powered = Propulsé par Rotative

## Home
home-title = { $site } – { $tagline }
home-latest = À la une
home-more-in = Plus d’articles : { $category }
sidebar-most-read = Les plus lus
sidebar-latest = Derniers articles

## Lists
list-tag-title = Mot-clé : { $name }
list-author-title = Articles de { $name }
list-empty = Aucun article pour le moment.
list-page-title = { $title } – page { $page }
pagination-label = Pagination
pagination-previous = « Page précédente
pagination-next = Page suivante »
pagination-status = Page { $page } sur { $last }

## Article
article-by = Par
article-published-on = Publié le
article-comment-count = { $count ->
    [one] { $count } commentaire
   *[other] { $count } commentaires
}
article-view-count = { $count ->
    [one] { $count } vue
   *[other] { $count } vues
}
article-tags = Mots-clés
article-related = Articles similaires
article-previous = Article précédent
article-next = Article suivant
article-read-more = Lire la suite
comments-title = LAISSER UN COMMENTAIRE
comments-coming = Les commentaires seront bientôt ouverts.

## Error pages (one pair per kind of error shown to readers)
error-not-found-title = Page introuvable
error-not-found-body = La page que vous cherchez n’existe pas ou a été déplacée.
error-invalid-page-title = Numéro de page invalide
error-invalid-page-body = Le numéro de page doit être un nombre entier à partir de 1.
error-bad-request-title = Requête invalide
error-bad-request-body = Votre navigateur a envoyé une requête que le site ne comprend pas.
error-internal-title = Erreur du serveur
error-internal-body = Une erreur est survenue de notre côté. Réessayez dans un instant.
error-unavailable-title = Service momentanément indisponible
error-unavailable-body = Le site est momentanément indisponible. Réessayez dans un instant.
error-back-home = Retour à l’accueil
error-reference = Référence : { $id }
