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
comments-title = LEAVE A COMMENT
comments-coming = Comments will open soon.

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
error-back-home = Back to the home page
error-reference = Reference: { $id }
