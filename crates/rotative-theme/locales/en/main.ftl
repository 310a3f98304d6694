# Strings of the reader-facing site, in English.
# Every key here exists in every other locale; a test checks it.

## Dates (chrono patterns; month and day names come from the locale)
date-long-format = %A, %B %-d, %Y
date-medium-format = %B %-d, %Y
date-time-format = %B %-d, %Y at %-I:%M %p

## Header, navigation, footer
nav-home = Home
nav-menu = Menu
nav-main-label = Sections
nav-skip = Skip to content
breadcrumbs-label = Breadcrumbs
footer-sections = Sections
footer-about = About
footer-copyright = © { $year } { $site }. All rights reserved.
footer-powered = Powered by Rotative

## Weather widget (temperatures with a narrow no-break space before the unit)
weather-label = Weather
weather-celsius = { $degrees } °C
weather-fahrenheit = { $degrees } °F
weather-age = { $hours } h ago
weather-next = Next city
weather-clear = Clear sky
weather-partly-cloudy = Partly cloudy
weather-cloudy = Overcast
weather-fog = Fog
weather-drizzle = Drizzle
weather-rain = Rain
weather-snow = Snow
weather-showers = Showers
weather-thunderstorm = Thunderstorm

## Home
home-title = { $site } – { $tagline }
home-latest = Top stories
home-more-in = More in { $category }
sidebar-most-read = Most read
sidebar-latest = Latest

## Lists
list-tag-title = Tag: { $name }
list-author-title = Articles by { $name }
list-empty = No articles yet.
list-page-title = { $title } – page { $page }
pagination-label = Pagination
pagination-previous = « Previous page
pagination-next = Next page »
pagination-status = Page { $page } of { $last }

## Search (the header's box and /search)
search-title = Search
search-title-query = Search: “{ $query }”
search-label = Search
search-placeholder = Search…
search-submit = Search
search-category = Section
search-category-any = All sections
search-from = From
search-to = to
search-results = { $count ->
    [one] One result for “{ $query }”
   *[other] { $count } results for “{ $query }”
}
search-none = No results for “{ $query }”.
search-suggestion-spelling = Did you mean:
search-suggestion-fewer = Try fewer words:
search-tips = Check the spelling, try other words or remove the filters.
search-latest = Latest articles
search-empty = Type one or more words to search the site's articles.
search-rebuilding = The search index is being rebuilt. Please try again in a moment.
search-truncated = Your search was too long: only its first { $max } characters were used.
search-bad-date = The date “{ $value }” is not valid (expected YYYY-MM-DD); it was ignored.
search-unknown-category = There is no section “{ $value }”; the filter was ignored.
search-no-words = Your search holds no word to look for.

## Article
article-by = By
article-published-on = Published on
article-comment-count = { $count ->
    [one] { $count } comment
   *[other] { $count } comments
}
article-view-count = { $count ->
    [one] { $count } view
   *[other] { $count } views
}
article-tags = Tags
article-related = Related articles
article-previous = Previous article
article-next = Next article
article-read-more = Read more

## Comments
comments-title = LEAVE A COMMENT
comments-reply-title = REPLY TO { $name }
comments-list-title = { $count ->
    [one] { $count } comment
   *[other] { $count } comments
}
comments-cancel-reply = Cancel reply
comments-reply = Reply
comments-field-body = Comment
comments-field-name = Name
comments-field-email = Email
comments-field-url = Website
comments-field-honeypot = Leave this field empty
comments-remember = Save my name, email, and website in this browser for the next time I comment.
comments-email-note = Your email address will not be published.
comments-required-note = Required fields are marked *
comments-submit = Post comment
comments-closed = Comments are closed.
comments-held = Your comment is awaiting moderation.
comments-says = { $name } says:
comments-error-summary = Your comment was not sent: please correct the fields marked.
comments-error-expired = The form has expired. Please check your comment and send it again.
comments-error-body-required = Please enter your comment!
comments-error-name-required = Please enter your name here
comments-error-email-required = Please enter a valid email address here
comments-error-email-invalid = Please enter a valid email address here
comments-error-url-invalid = Please enter a valid web address (http:// or https://)
comments-error-too-long = This field is too long: { $max } characters at most.
comments-error-control-characters = This field contains characters that are not allowed.

## Error pages (one pair per kind of error shown to readers)
error-not-found-title = Page not found
error-not-found-body = The page you are looking for does not exist or has moved.
error-invalid-page-title = Invalid page number
error-invalid-page-body = The page number must be a whole number from 1.
error-bad-request-title = Bad request
error-bad-request-body = Your browser sent a request this site does not understand.
error-internal-title = Server error
error-internal-body = Something went wrong on our side. Please try again in a moment.
error-unavailable-title = Service temporarily unavailable
error-unavailable-body = The site is temporarily unavailable. Please try again in a moment.
error-forbidden-title = Forbidden
error-forbidden-body = This action is not allowed from this page. Reload the page and try again.
error-comments-closed-title = Comments closed
error-comments-closed-body = Comments on this article are closed.
error-too-large-title = Too large
error-too-large-body = What you sent is larger than this site accepts.
error-too-many-title = Too many comments
error-too-many-body = You have sent many comments in a short time. Please try again in a few minutes.
error-back-home = Back to the home page
error-reference = Reference: { $id }

## Moderation screens (/admin/)
admin-title = Administration
admin-login-title = Log in
admin-email = Email address
admin-password = Password
admin-login-failed = Wrong email address or password.
admin-login-too-many = Too many failed logins. Please try again in 15 minutes.
admin-hello = Hello { $name }.
admin-login = Log in
admin-logout = Log out
admin-comments-title = Comments
admin-blocks-title = Block list
admin-status-all = All
admin-status-pending = Pending
admin-status-approved = Approved
admin-status-spam = Spam
admin-status-trash = Trash
admin-search = Search
admin-article-filter = Article #
admin-filter = Filter
admin-col-author = Author
admin-col-comment = Comment
admin-col-article = In response to
admin-col-date = Submitted on
admin-col-status = Status
admin-action-approve = Approve
admin-action-unapprove = Unapprove
admin-action-spam = Spam
admin-action-trash = Trash
admin-action-delete = Delete permanently
admin-action-ban-email = Ban email
admin-action-ban-ip = Ban IP
admin-action-reply = Reply
admin-bulk-label = Bulk action
admin-bulk-apply = Apply
admin-select = Select
admin-empty = No comments.
admin-reply-name = Moderation
admin-block-kind = Kind
admin-block-value = Value
admin-block-add = Add
admin-block-remove = Remove
admin-block-word = Word
admin-block-ip = IP
admin-block-email = Email
admin-done = { $count ->
    [one] { $count } comment changed.
   *[other] { $count } comments changed.
}
admin-articles-title = Articles
admin-new-article = New article
admin-editor-title = Article
admin-revisions-title = Revisions
admin-articles-done = { $count ->
    [one] { $count } article changed.
   *[other] { $count } articles changed.
}
admin-article-draft = Draft
admin-article-scheduled = Scheduled
admin-article-published = Published
admin-article-archived = Trash
admin-bulk-publish = Publish
admin-bulk-draft = Move to draft
admin-bulk-trash = Move to trash
admin-empty-articles = No articles.
admin-field-title = Title
admin-field-slug = Slug
admin-slug-hint = made from the title
admin-field-excerpt = Excerpt
admin-field-body = Text (Markdown)
admin-field-category = Category
admin-field-tags = Tags (comma-separated)
admin-field-image = Featured image (address)
admin-field-author = Author
admin-field-published-at = Publication date
admin-field-comments-open = Comments open
admin-field-sticky = Pinned at the top of the home page
admin-field-lang = Language of the article
admin-lang-site = The site’s language
admin-save = Save
admin-saved = Article saved.
admin-preview = Preview
admin-preview-link = Secret preview link
admin-view-public = View on the site
admin-error-summary = The article was not saved: please correct the fields marked.
admin-error-title-required = A title is required.
admin-error-title-too-long = The title is too long.
admin-error-slug-invalid = A slug may only hold lower-case letters, digits and hyphens.
admin-error-slug-taken = Another article already has this slug.
admin-error-category-required = Choose a category.
admin-error-date-invalid = Invalid date.
admin-error-tag-invalid = A tag cannot be used.
admin-error-tag-comma = A tag’s name cannot contain a comma: the article editor separates tags with commas.
admin-error-image-invalid = The image address must start with / or https://.
admin-error-lang-invalid = Choose one of the languages offered.
admin-saved-by = By
admin-restore = Restore
admin-compare = Compare A and B
admin-diff-title = Differences between revisions { $a } and { $b }
admin-categories-title = Categories
admin-tags-title = Tags
admin-new-category = New category
admin-field-name = Name
admin-field-parent = Parent category
admin-field-position = Order
admin-field-description = Description
admin-move-to = Move its articles to
admin-delete = Delete
admin-error-name-invalid = A name is required (100 characters at most).
admin-error-parent-invalid = This parent category is not possible.
admin-error-position-invalid = The order must be a whole number.
admin-error-move-to = Choose another category to move the articles to.
admin-error-slug-reserved = This slug is reserved for the site's own pages (admin, tag, feed…).
admin-settings-title = Settings
admin-settings-saved = Settings saved and applied.
admin-error-summary-settings = The settings were not saved: please correct the fields marked.
admin-setting-name = Site name
admin-setting-tagline = Tagline
admin-setting-locale = Language
admin-setting-logo = Logo (address of an image from the media library)
admin-setting-logo-hint = Copy an image's address from the media library, for example /media/12/logo.png; leave empty to show the name.
admin-settings-site = The site
admin-settings-comments = Comments
admin-setting-comments-moderation = Moderation of new comments
admin-setting-moderation-all = Every one waits for a moderator
admin-setting-moderation-known = All but those of already approved commenters
admin-setting-moderation-none = Published at once (spam checks still apply)
admin-setting-comments-max_length = Longest comment (characters)
admin-setting-comments-max_links = Above this many links, a comment waits for a moderator
admin-setting-comments-thread_depth = How deep replies nest (1: no replies)
admin-setting-comments-close_after_days = Close comments after (days, 0: never)
admin-setting-comments-require_email = E-mail address required
admin-setting-comments-remember_cookie = Offer to remember the commenter
admin-setting-comments-rate_limit = Most comments per IP address per period
admin-setting-comments-rate_window_minutes = Length of that period (minutes)
admin-setting-comments-min_seconds = Shortest delay before the form is sent (seconds)
admin-settings-weather = Weather
admin-setting-weather-unit = Temperature unit (the header's weather)
admin-setting-unit-celsius = Degrees Celsius (°C)
admin-setting-unit-fahrenheit = Degrees Fahrenheit (°F)
admin-settings-dates = Dates
admin-setting-dates-digits = Digits of dates and numbers (Arabic site)
admin-setting-digits-western = Western digits: 20 March 2025
admin-setting-digits-arabic = Eastern Arabic digits: ٢٠ مارس ٢٠٢٥
admin-settings-feeds = Feeds
admin-setting-feeds-full_content = Feeds carry each article's whole text (otherwise its excerpt only)
admin-settings-robots = robots.txt
admin-setting-robots_txt = Rules for search engines and other robots
admin-setting-robots_txt-hint = Served at /robots.txt, followed by the addresses of the sitemaps (always at the site's public address). Left empty: everything but /admin/ and /preview/ may be crawled.
admin-setting-error-robots = 64 KiB at most, without control characters.
admin-setting-error-text = 200 characters at most, no control characters.
admin-setting-error-locale = Choose one of the languages offered.
admin-setting-error-timezone = Unknown time zone: use a name such as Africa/Casablanca or Europe/Paris.
admin-setting-error-number = Enter a whole number from { $min } to { $max }.
admin-setting-error-url = Enter an address starting with http:// or https://.
admin-setting-error-choice = Choose one of: { $choices }.
admin-setting-error-switch = Choose yes or no.
admin-setting-error-logo = This is not the address of an image from the media library.
admin-yes = Yes
admin-no = No
admin-locale-fr = Français
admin-locale-en = English
admin-locale-ar = العربية
admin-setting-timezone = Time zone (for example Africa/Casablanca)
admin-setting-posts_per_page = Articles per page
admin-setting-base_url = Public address of the site
admin-setting-pinned = pinned by the configuration
admin-profile-title = My profile
admin-profile-saved = Profile saved.
admin-field-display-name = Display name
admin-field-bio = Biography
admin-error-bio-too-long = The biography is too long (2000 characters at most).
admin-media-title = Media
admin-media-file = Image (JPEG, PNG, WebP or GIF, { $max } MiB at most)
admin-media-alt = Alternative text (what the image shows)
admin-media-upload = Upload
admin-media-size = Size
admin-media-processing = Processing
admin-media-ready = Ready
admin-media-failed = Failed
admin-error-alt-required = Describe the image in a few words (alternative text): it is required.
admin-error-not-an-image = This file is not a JPEG, PNG, WebP or GIF image.
admin-error-image-too-large = The image is too large (10,000 pixels a side at most, 64 million pixels in all).
admin-error-media-in-use = This image is still in use (below); remove it from there first.
admin-field-avatar = Picture (address of an image of the media library, /media/…)
admin-error-avatar-invalid = The picture must be a ready image of the media library (/media/…).

## Ads
ad-label = Advertisement
admin-ads-title = Ads
admin-ads-saved = Ads saved.
admin-ad-title = Creative
admin-ad-new = New creative
admin-ads-zones = Zones
admin-ads-zone = Zone
admin-ads-active-creatives = Active creatives
admin-ads-zones-hint = A zone without a creative shows nothing. Cached pages keep their choice until they are rendered again (every 30 seconds by default): rotation happens per short time window. Where the in-article and between-items zones go is set in the settings.
admin-ad-zone-header = Header
admin-ad-zone-sidebar-left = Left column
admin-ad-zone-sidebar-right = Right column
admin-ad-zone-in-article = In the article
admin-ad-zone-between-list-items = Between list items
admin-ads-creatives = Creatives
admin-ads-none = No creative yet.
admin-ad-kind = Kind
admin-ad-kind-image = Image with a link
admin-ad-kind-snippet = Ad network code (HTML/JavaScript)
admin-ad-weight = Weight
admin-ad-period = Period
admin-ad-inactive = off
admin-ads-impressions = Impressions
admin-ads-clicks = Clicks
admin-ads-ctr = CTR
admin-ads-txt-hint = Served as is at /ads.txt (empty: no file).
admin-ad-image = Image (address of an image from the media library)
admin-ad-link = Link (where a click leads)
admin-ad-snippet = Code given by the ad network
admin-ad-snippet-hint = Shown in an isolated frame (sandboxed iframe): it cannot read the page, its cookies or the admin session.
admin-ad-size = Size (width × height)
admin-ad-width = Width
admin-ad-height = Height
admin-ad-categories = Targeted sections
admin-ad-categories-hint = None selected: every page. A section also targets its sub-sections.
admin-ad-starts = Start
admin-ad-ends = End
admin-ad-active = Active
admin-error-summary-ad = The creative was not saved: fix the fields shown.
admin-error-ad-image = Choose a ready image from the media library.
admin-error-ad-link = Enter an address starting with http:// or https://.
admin-error-ad-alt = Describe the image (100 characters at most).
admin-error-ad-snippet = Paste the ad network's code (20,000 characters at most).
admin-error-ad-size = Enter a width and a height from 1 to 2000 pixels.
admin-error-ad-zones = Choose at least one zone.
admin-error-ad-categories = This section does not exist.
admin-error-ad-dates = The end must come after the start.
admin-error-ad-weight = Enter a weight from 1 to 1000.
admin-ads-report-title = Ad report
admin-ads-from = From
admin-ads-to = to
admin-ads-csv = Export as CSV
admin-ads-creative = Creative
admin-ads-total = Total
admin-settings-ads = Ads
admin-setting-ads-in_article_after = In-article ad after paragraph no.
admin-setting-ads-list_every = Ad between list items, every … articles

## Search engines
admin-settings-seo = Search engines
admin-setting-seo-alternates = The newsroom's sites in other languages (for example ar=https://ar.example.com)
admin-setting-error-alternates = Write language=address pairs separated by spaces, for example ar=https://ar.example.com.
admin-setting-weather-cities = Weather cities (Name:latitude:longitude, separated by ;)
admin-setting-error-cities = Write the cities like this: Marrakech:31.6295:-7.9811; Agadir:30.4278:-9.5981 (latitude -90 to 90, longitude -180 to 180).
