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

## Weather widget (temperatures with a narrow no-break space before the unit)
weather-label = Météo
weather-celsius = { $degrees } °C
weather-fahrenheit = { $degrees } °F
weather-age = il y a { $hours } h
weather-next = Ville suivante
weather-clear = Ciel dégagé
weather-partly-cloudy = Partiellement nuageux
weather-cloudy = Couvert
weather-fog = Brouillard
weather-drizzle = Bruine
weather-rain = Pluie
weather-snow = Neige
weather-showers = Averses
weather-thunderstorm = Orage

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

## Search (the header's box and /recherche)
search-title = Recherche
search-title-query = Recherche : « { $query } »
search-label = Rechercher
search-placeholder = Rechercher…
search-submit = Rechercher
search-category = Rubrique
search-category-any = Toutes les rubriques
search-from = Du
search-to = au
search-results = { $count ->
    [one] Un résultat pour « { $query } »
   *[other] { $count } résultats pour « { $query } »
}
search-none = Aucun résultat pour « { $query } ».
search-suggestion-spelling = Vouliez-vous dire :
search-suggestion-fewer = Essayez avec moins de mots :
search-tips = Vérifiez l’orthographe, essayez d’autres mots ou retirez les filtres.
search-latest = Derniers articles
search-empty = Tapez un ou plusieurs mots pour chercher dans les articles du site.
search-rebuilding = L’index de recherche est en cours de reconstruction. Réessayez dans un instant.
search-truncated = Votre recherche était trop longue : seuls ses { $max } premiers caractères ont été pris en compte.
search-bad-date = La date « { $value } » n’est pas valide (attendu : AAAA-MM-JJ) ; elle a été ignorée.
search-unknown-category = La rubrique « { $value } » n’existe pas ; le filtre a été ignoré.
search-no-words = Votre recherche ne contient aucun mot à chercher.

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

## Comments
comments-title = LAISSER UN COMMENTAIRE
comments-reply-title = RÉPONDRE À { $name }
comments-list-title = { $count ->
    [one] { $count } commentaire
   *[other] { $count } commentaires
}
comments-cancel-reply = Annuler la réponse
comments-reply = Répondre
comments-field-body = Commentaire
comments-field-name = Nom
comments-field-email = E-mail
comments-field-url = Site web
comments-field-honeypot = Laissez ce champ vide
comments-remember = Enregistrer mon nom, mon e-mail et mon site web dans le navigateur pour mon prochain commentaire.
comments-email-note = Votre adresse e-mail ne sera pas publiée.
comments-required-note = Les champs obligatoires sont indiqués avec *
comments-submit = Publier le commentaire
comments-closed = Les commentaires sont fermés.
comments-held = Votre commentaire est en attente de modération.
comments-says = { $name } a écrit :
comments-error-summary = Votre commentaire n’a pas été envoyé : corrigez les champs indiqués.
comments-error-expired = Le formulaire a expiré. Vérifiez votre commentaire et envoyez-le à nouveau.
comments-error-body-required = S'il vous plaît entrez votre commentaire!
comments-error-name-required = S'il vous plaît entrez votre nom ici
comments-error-email-required = S'il vous plaît entrez une adresse e-mail valide ici
comments-error-email-invalid = S'il vous plaît entrez une adresse e-mail valide ici
comments-error-url-invalid = S'il vous plaît entrez une adresse web valide (http:// ou https://)
comments-error-too-long = Ce champ est trop long : { $max } caractères au maximum.
comments-error-control-characters = Ce champ contient des caractères non autorisés.

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
error-forbidden-title = Accès refusé
error-forbidden-body = Cette action n’est pas autorisée depuis cette page. Rechargez la page et réessayez.
error-comments-closed-title = Commentaires fermés
error-comments-closed-body = Les commentaires de cet article sont fermés.
error-too-large-title = Envoi trop volumineux
error-too-large-body = Ce que vous avez envoyé dépasse la taille acceptée.
error-too-many-title = Trop de commentaires
error-too-many-body = Vous avez envoyé beaucoup de commentaires en peu de temps. Réessayez dans quelques minutes.
error-back-home = Retour à l’accueil
error-reference = Référence : { $id }

## Moderation screens (/admin/)
admin-title = Administration
admin-login-title = Connexion
admin-email = Adresse e-mail
admin-password = Mot de passe
admin-login-failed = Adresse e-mail ou mot de passe incorrect.
admin-login-too-many = Trop de tentatives de connexion échouées. Réessayez dans 15 minutes.
admin-hello = Bonjour { $name }.
admin-login = Se connecter
admin-logout = Se déconnecter
admin-comments-title = Commentaires
admin-blocks-title = Liste de blocage
admin-status-all = Tous
admin-status-pending = En attente
admin-status-approved = Approuvés
admin-status-spam = Indésirables
admin-status-trash = Corbeille
admin-search = Rechercher
admin-article-filter = Article n°
admin-filter = Filtrer
admin-col-author = Auteur
admin-col-comment = Commentaire
admin-col-article = En réponse à
admin-col-date = Envoyé le
admin-col-status = État
admin-action-approve = Approuver
admin-action-unapprove = Désapprouver
admin-action-spam = Indésirable
admin-action-trash = Corbeille
admin-action-delete = Supprimer définitivement
admin-action-ban-email = Bannir l’e-mail
admin-action-ban-ip = Bannir l’IP
admin-action-reply = Répondre
admin-bulk-label = Action groupée
admin-bulk-apply = Appliquer
admin-select = Sélectionner
admin-empty = Aucun commentaire.
admin-reply-name = Modération
admin-block-kind = Type
admin-block-value = Valeur
admin-block-add = Ajouter
admin-block-remove = Retirer
admin-block-word = Mot
admin-block-ip = IP
admin-block-email = E-mail
admin-done = { $count ->
    [one] { $count } commentaire modifié.
   *[other] { $count } commentaires modifiés.
}
admin-articles-title = Articles
admin-new-article = Nouvel article
admin-editor-title = Article
admin-revisions-title = Révisions
admin-articles-done = { $count ->
    [one] { $count } article modifié.
   *[other] { $count } articles modifiés.
}
admin-article-draft = Brouillon
admin-article-scheduled = Programmé
admin-article-published = Publié
admin-article-archived = Corbeille
admin-bulk-publish = Publier
admin-bulk-draft = Repasser en brouillon
admin-bulk-trash = Mettre à la corbeille
admin-empty-articles = Aucun article.
admin-field-title = Titre
admin-field-slug = Identifiant (slug)
admin-slug-hint = fait à partir du titre
admin-field-excerpt = Chapeau
admin-field-body = Texte (Markdown)
admin-field-category = Rubrique
admin-field-tags = Mots-clés (séparés par des virgules)
admin-field-image = Image à la une (adresse)
admin-field-author = Auteur
admin-field-published-at = Date de publication
admin-field-comments-open = Commentaires ouverts
admin-field-sticky = À la une (épinglé en tête de la page d’accueil)
admin-field-lang = Langue de l’article
admin-lang-site = Langue du site
admin-save = Enregistrer
admin-saved = Article enregistré.
admin-preview = Aperçu
admin-preview-link = Lien d’aperçu secret
admin-view-public = Voir sur le site
admin-error-summary = L’article n’a pas été enregistré : corrigez les champs indiqués.
admin-error-title-required = Le titre est obligatoire.
admin-error-title-too-long = Le titre est trop long.
admin-error-slug-invalid = L’identifiant ne peut contenir que des lettres minuscules, des chiffres et des tirets.
admin-error-slug-taken = Cet identifiant est déjà pris par un autre article.
admin-error-category-required = Choisissez une rubrique.
admin-error-date-invalid = Date invalide.
admin-error-tag-invalid = Un mot-clé n’est pas utilisable.
admin-error-tag-comma = Le nom d’un mot-clé ne peut pas contenir de virgule : l’éditeur d’article sépare les mots-clés par des virgules.
admin-error-image-invalid = L’adresse de l’image doit commencer par / ou https://.
admin-error-lang-invalid = Choisissez une des langues proposées.
admin-saved-by = Par
admin-restore = Restaurer
admin-compare = Comparer A et B
admin-diff-title = Différences entre les révisions { $a } et { $b }
admin-categories-title = Rubriques
admin-tags-title = Mots-clés
admin-new-category = Nouvelle rubrique
admin-field-name = Nom
admin-field-parent = Rubrique parente
admin-field-position = Ordre
admin-field-description = Description
admin-move-to = Déplacer ses articles vers
admin-delete = Supprimer
admin-error-name-invalid = Le nom est obligatoire (100 caractères au plus).
admin-error-parent-invalid = Cette rubrique parente n’est pas possible.
admin-error-position-invalid = L’ordre doit être un nombre entier.
admin-error-move-to = Choisissez une autre rubrique où déplacer les articles.
admin-error-slug-reserved = Cet identifiant est réservé aux pages du site (admin, tag, feed…).
admin-settings-title = Réglages
admin-settings-saved = Réglages enregistrés et appliqués.
admin-error-summary-settings = Les réglages n’ont pas été enregistrés : corrigez les champs indiqués.
admin-setting-name = Nom du site
admin-setting-tagline = Slogan
admin-setting-locale = Langue
admin-setting-logo = Logo (adresse d’une image de la médiathèque)
admin-setting-logo-hint = Copiez l’adresse d’une image depuis la médiathèque, par exemple /media/12/logo.png ; laissez vide pour afficher le nom.
admin-settings-site = Le site
admin-settings-comments = Commentaires
admin-setting-comments-moderation = Modération des nouveaux commentaires
admin-setting-moderation-all = Tous attendent un modérateur
admin-setting-moderation-known = Tous sauf ceux des auteurs déjà approuvés
admin-setting-moderation-none = Publiés aussitôt (l’anti-spam s’applique)
admin-setting-comments-max_length = Longueur maximale d’un commentaire (caractères)
admin-setting-comments-max_links = Au-delà de ce nombre de liens, le commentaire attend un modérateur
admin-setting-comments-thread_depth = Profondeur des réponses (1 : pas de réponse)
admin-setting-comments-close_after_days = Fermer les commentaires après (jours, 0 : jamais)
admin-setting-comments-require_email = Adresse e-mail obligatoire
admin-setting-comments-remember_cookie = Proposer de se souvenir du commentateur
admin-setting-comments-rate_limit = Commentaires au plus par adresse IP et par période
admin-setting-comments-rate_window_minutes = Durée de cette période (minutes)
admin-setting-comments-min_seconds = Délai minimal avant l’envoi du formulaire (secondes)
admin-settings-weather = Météo
admin-setting-weather-unit = Unité des températures (météo de l’en-tête)
admin-setting-unit-celsius = Degrés Celsius (°C)
admin-setting-unit-fahrenheit = Degrés Fahrenheit (°F)
admin-settings-dates = Dates
admin-setting-dates-digits = Chiffres des dates et des nombres (site en arabe)
admin-setting-digits-western = Chiffres occidentaux : 20 mars 2025
admin-setting-digits-arabic = Chiffres arabes orientaux : ٢٠ مارس ٢٠٢٥
admin-settings-feeds = Flux
admin-setting-feeds-full_content = Les flux donnent le texte entier de chaque article (sinon son résumé seul)
admin-settings-robots = robots.txt
admin-setting-robots_txt = Règles pour les moteurs de recherche et autres robots
admin-setting-robots_txt-hint = Servies à /robots.txt, suivies des adresses des plans du site (toujours à l’adresse publique du site). Laissées vides : tout peut être exploré sauf /admin/ et /preview/.
admin-setting-error-robots = 64 Kio au plus, sans caractères de contrôle.
admin-setting-error-text = 200 caractères au plus, sans caractère de contrôle.
admin-setting-error-locale = Choisissez une des langues proposées.
admin-setting-error-timezone = Fuseau horaire inconnu : utilisez un nom comme Africa/Casablanca ou Europe/Paris.
admin-setting-error-number = Entrez un nombre entier de { $min } à { $max }.
admin-setting-error-url = Entrez une adresse commençant par http:// ou https://.
admin-setting-error-choice = Choisissez parmi : { $choices }.
admin-setting-error-switch = Choisissez oui ou non.
admin-setting-error-logo = Ce n’est pas l’adresse d’une image de la médiathèque.
admin-yes = Oui
admin-no = Non
admin-locale-fr = Français
admin-locale-en = English
admin-locale-ar = العربية
admin-setting-timezone = Fuseau horaire (par exemple Africa/Casablanca)
admin-setting-posts_per_page = Articles par page
admin-setting-base_url = Adresse publique du site
admin-setting-pinned = fixé par la configuration
admin-profile-title = Mon profil
admin-profile-saved = Profil enregistré.
admin-field-display-name = Nom affiché
admin-field-bio = Biographie
admin-error-bio-too-long = La biographie est trop longue (2000 caractères au plus).
admin-media-title = Médias
admin-media-file = Image (JPEG, PNG, WebP ou GIF, { $max } Mio au plus)
admin-media-alt = Texte alternatif (ce que montre l’image)
admin-media-upload = Envoyer
admin-media-size = Taille
admin-media-processing = En préparation
admin-media-ready = Prête
admin-media-failed = Échec
admin-error-alt-required = Décrivez l’image en quelques mots (texte alternatif) : c’est obligatoire.
admin-error-not-an-image = Ce fichier n’est pas une image JPEG, PNG, WebP ou GIF.
admin-error-image-too-large = L’image est trop grande (10 000 pixels de côté au plus, 64 millions de pixels en tout).
admin-error-media-in-use = Cette image est encore utilisée (ci-dessous) ; retirez-la d’abord.
admin-field-avatar = Photo (adresse d’une image de la médiathèque, /media/…)
admin-error-avatar-invalid = La photo doit être une image prête de la médiathèque (/media/…).

## Ads
ad-label = Publicité
admin-ads-title = Publicités
admin-ads-saved = Publicités enregistrées.
admin-ad-title = Annonce
admin-ad-new = Nouvelle annonce
admin-ads-zones = Emplacements
admin-ads-zone = Emplacement
admin-ads-active-creatives = Annonces actives
admin-ads-zones-hint = Un emplacement sans annonce n’affiche rien. Les pages mises en cache gardent leur choix jusqu’à leur prochain rendu (toutes les 30 secondes par défaut) : la rotation se fait par courtes périodes. La position des emplacements « dans l’article » et « entre les articles » se règle dans les réglages.
admin-ad-zone-header = En-tête
admin-ad-zone-sidebar-left = Colonne de gauche
admin-ad-zone-sidebar-right = Colonne de droite
admin-ad-zone-in-article = Dans l’article
admin-ad-zone-between-list-items = Entre les articles des listes
admin-ads-creatives = Annonces
admin-ads-none = Aucune annonce pour l’instant.
admin-ad-kind = Type
admin-ad-kind-image = Image avec lien
admin-ad-kind-snippet = Code d’une régie (HTML/JavaScript)
admin-ad-weight = Poids
admin-ad-period = Période
admin-ad-inactive = désactivée
admin-ads-impressions = Impressions
admin-ads-clicks = Clics
admin-ads-ctr = Taux de clic
admin-ads-txt-hint = Servi tel quel à l’adresse /ads.txt (vide : pas de fichier).
admin-ad-image = Image (adresse d’une image de la médiathèque)
admin-ad-link = Lien (où mène un clic)
admin-ad-snippet = Code fourni par la régie
admin-ad-snippet-hint = Affiché dans un cadre isolé (iframe sandbox) : il ne peut lire ni la page, ni ses cookies, ni la session de l’administration.
admin-ad-size = Taille (largeur × hauteur)
admin-ad-width = Largeur
admin-ad-height = Hauteur
admin-ad-categories = Rubriques visées
admin-ad-categories-hint = Aucune sélection : toutes les pages. Une rubrique vise aussi ses sous-rubriques.
admin-ad-starts = Début
admin-ad-ends = Fin
admin-ad-active = Active
admin-error-summary-ad = L’annonce n’a pas été enregistrée : corrigez les champs indiqués.
admin-error-ad-image = Choisissez une image prête de la médiathèque.
admin-error-ad-link = Entrez une adresse commençant par http:// ou https://.
admin-error-ad-alt = Décrivez l’image (100 caractères au plus).
admin-error-ad-snippet = Collez le code de la régie (20 000 caractères au plus).
admin-error-ad-size = Entrez une largeur et une hauteur de 1 à 2000 pixels.
admin-error-ad-zones = Choisissez au moins un emplacement.
admin-error-ad-categories = Cette rubrique n’existe pas.
admin-error-ad-dates = La fin doit venir après le début.
admin-error-ad-weight = Entrez un poids de 1 à 1000.
admin-ads-report-title = Rapport des publicités
admin-ads-from = Du
admin-ads-to = au
admin-ads-csv = Exporter en CSV
admin-ads-creative = Annonce
admin-ads-total = Total
admin-settings-ads = Publicités
admin-setting-ads-in_article_after = Annonce dans l’article après le paragraphe n°
admin-setting-ads-list_every = Annonce entre les articles des listes, tous les … articles

## Search engines
admin-settings-seo = Référencement
admin-setting-seo-alternates = Sites du journal dans d’autres langues (par exemple ar=https://ar.marrakech-info.ma)
admin-setting-error-alternates = Écrivez des paires langue=adresse séparées par des espaces, par exemple ar=https://ar.marrakech-info.ma.
admin-setting-weather-cities = Villes de la météo (Nom:latitude:longitude, séparées par ;)
admin-setting-error-cities = Écrivez les villes ainsi : Marrakech:31.6295:-7.9811; Agadir:30.4278:-9.5981 (latitude de -90 à 90, longitude de -180 à 180).
