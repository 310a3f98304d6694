# Strings of the reader-facing site, in Arabic: Modern Standard Arabic as Moroccan
# newsrooms write it. Pages in this locale are laid out right to left.
# Every key here exists in every other locale; a test checks it.
# Plurals use Arabic's six forms: zero, one, two, few (3 to 10), many (11 to 99), other,
# selected with PLURAL($count), which applies CLDR's rule (see src/i18n.rs).

## Dates (chrono patterns; month and day names come from the locale: chrono's ar_MA,
## the Moroccan months يناير فبراير مارس أبريل ماي يونيو يوليوز غشت شتنبر أكتوبر نونبر دجنبر)
date-long-format = %A %-d %B %Y
date-medium-format = %-d %B %Y
date-time-format = %-d %B %Y على الساعة %H:%M

## Header, navigation, footer
nav-home = الرئيسية
nav-menu = القائمة
nav-main-label = الأقسام
nav-skip = الانتقال إلى المحتوى
breadcrumbs-label = مسار التصفح
footer-sections = الأقسام
footer-about = من نحن
footer-copyright = © { $year } { $site }. جميع الحقوق محفوظة.
footer-powered = يعمل بنظام Rotative

## Weather widget (temperatures with a narrow no-break space before the unit)
weather-label = الطقس
weather-celsius = { $degrees } °C
weather-fahrenheit = { $degrees } °F
weather-age = منذ { $hours } س
weather-next = المدينة التالية
weather-clear = سماء صافية
weather-partly-cloudy = غائم جزئيا
weather-cloudy = غائم
weather-fog = ضباب
weather-drizzle = رذاذ
weather-rain = أمطار
weather-snow = ثلوج
weather-showers = زخات مطرية
weather-thunderstorm = عواصف رعدية

## Home
home-title = { $site } – { $tagline }
home-latest = أبرز الأخبار
home-more-in = المزيد من: { $category }
sidebar-most-read = الأكثر قراءة
sidebar-latest = آخر الأخبار

## Lists
list-tag-title = الوسم: { $name }
list-author-title = مقالات { $name }
list-empty = لا توجد مقالات حاليا.
list-page-title = { $title } – الصفحة { $page }
pagination-label = ترقيم الصفحات
pagination-previous = « الصفحة السابقة
pagination-next = الصفحة التالية »
pagination-status = الصفحة { $page } من { $last }

## Article
article-by = بقلم
article-published-on = نشر في
article-comment-count = { PLURAL($count) ->
    [zero] لا تعليقات
    [one] تعليق واحد
    [two] تعليقان
    [few] { $count } تعليقات
    [many] { $count } تعليقا
   *[other] { $count } تعليق
}
article-view-count = { PLURAL($count) ->
    [zero] لا مشاهدات
    [one] مشاهدة واحدة
    [two] مشاهدتان
    [few] { $count } مشاهدات
    [many] { $count } مشاهدة
   *[other] { $count } مشاهدة
}
article-tags = الوسوم
article-related = مقالات ذات صلة
article-previous = المقال السابق
article-next = المقال التالي
article-read-more = اقرأ المزيد

## Comments
comments-title = أترك تعليقا
comments-reply-title = الرد على { $name }
comments-list-title = { PLURAL($count) ->
    [zero] لا تعليقات
    [one] تعليق واحد
    [two] تعليقان
    [few] { $count } تعليقات
    [many] { $count } تعليقا
   *[other] { $count } تعليق
}
comments-cancel-reply = إلغاء الرد
comments-reply = رد
comments-field-body = التعليق
comments-field-name = الاسم
comments-field-email = البريد الإلكتروني
comments-field-url = الموقع الإلكتروني
comments-field-honeypot = اترك هذا الحقل فارغا
comments-remember = احفظ اسمي وبريدي الإلكتروني وموقعي الإلكتروني في هذا المتصفح لاستخدامها في المرة القادمة التي أعلق فيها.
comments-email-note = لن يتم نشر عنوان بريدك الإلكتروني.
comments-required-note = الحقول الإلزامية مشار إليها بـ *
comments-submit = نشر التعليق
comments-closed = التعليقات مغلقة.
comments-held = تعليقك في انتظار المراجعة.
comments-says = كتب { $name }:
comments-error-summary = لم يتم إرسال تعليقك: المرجو تصحيح الحقول المشار إليها.
comments-error-expired = انتهت صلاحية الاستمارة. راجع تعليقك وأرسله من جديد.
comments-error-body-required = المرجو كتابة تعليقك!
comments-error-name-required = المرجو إدخال اسمك هنا
comments-error-email-required = المرجو إدخال عنوان بريد إلكتروني صالح هنا
comments-error-email-invalid = المرجو إدخال عنوان بريد إلكتروني صالح هنا
comments-error-url-invalid = المرجو إدخال عنوان موقع صالح (http:// أو https://)
comments-error-too-long = هذا الحقل طويل جدا: { $max } حرف على الأكثر.
comments-error-control-characters = يحتوي هذا الحقل على رموز غير مسموح بها.

## Error pages (one pair per kind of error shown to readers)
error-not-found-title = الصفحة غير موجودة
error-not-found-body = الصفحة التي تبحث عنها غير موجودة أو تم نقلها.
error-invalid-page-title = رقم صفحة غير صالح
error-invalid-page-body = يجب أن يكون رقم الصفحة عددا صحيحا ابتداء من 1.
error-bad-request-title = طلب غير صالح
error-bad-request-body = أرسل متصفحك طلبا لا يفهمه الموقع.
error-internal-title = خطأ في الخادم
error-internal-body = حدث خطأ من جهتنا. أعد المحاولة بعد لحظات.
error-unavailable-title = الخدمة غير متاحة مؤقتا
error-unavailable-body = الموقع غير متاح مؤقتا. أعد المحاولة بعد لحظات.
error-forbidden-title = الدخول مرفوض
error-forbidden-body = هذا الإجراء غير مسموح به من هذه الصفحة. أعد تحميل الصفحة وحاول من جديد.
error-comments-closed-title = التعليقات مغلقة
error-comments-closed-body = التعليقات على هذا المقال مغلقة.
error-too-large-title = الإرسال كبير جدا
error-too-large-body = ما أرسلته يتجاوز الحجم المسموح به.
error-too-many-title = تعليقات كثيرة
error-too-many-body = أرسلت تعليقات كثيرة في وقت قصير. أعد المحاولة بعد بضع دقائق.
error-back-home = العودة إلى الرئيسية
error-reference = المرجع: { $id }

## Moderation screens (/admin/)
admin-title = الإدارة
admin-login-title = تسجيل الدخول
admin-email = البريد الإلكتروني
admin-password = كلمة المرور
admin-login-failed = البريد الإلكتروني أو كلمة المرور غير صحيحة.
admin-login-too-many = محاولات دخول فاشلة كثيرة. أعد المحاولة بعد 15 دقيقة.
admin-hello = مرحبا { $name }.
admin-login = دخول
admin-logout = تسجيل الخروج
admin-comments-title = التعليقات
admin-blocks-title = قائمة الحظر
admin-status-all = الكل
admin-status-pending = في الانتظار
admin-status-approved = المقبولة
admin-status-spam = المزعجة
admin-status-trash = المهملات
admin-search = بحث
admin-article-filter = المقال رقم
admin-filter = تصفية
admin-col-author = الكاتب
admin-col-comment = التعليق
admin-col-article = ردا على
admin-col-date = أرسل في
admin-col-status = الحالة
admin-action-approve = قبول
admin-action-unapprove = إلغاء القبول
admin-action-spam = مزعج
admin-action-trash = نقل إلى المهملات
admin-action-delete = حذف نهائي
admin-action-ban-email = حظر البريد الإلكتروني
admin-action-ban-ip = حظر عنوان IP
admin-action-reply = رد
admin-bulk-label = إجراء جماعي
admin-bulk-apply = تطبيق
admin-select = تحديد
admin-empty = لا توجد تعليقات.
admin-reply-name = الإشراف
admin-block-kind = النوع
admin-block-value = القيمة
admin-block-add = إضافة
admin-block-remove = إزالة
admin-block-word = كلمة
admin-block-ip = IP
admin-block-email = البريد الإلكتروني
admin-done = { PLURAL($count) ->
    [zero] لم يتم تعديل أي تعليق.
    [one] تم تعديل تعليق واحد.
    [two] تم تعديل تعليقين.
    [few] تم تعديل { $count } تعليقات.
    [many] تم تعديل { $count } تعليقا.
   *[other] تم تعديل { $count } تعليق.
}
admin-articles-title = المقالات
admin-new-article = مقال جديد
admin-editor-title = مقال
admin-revisions-title = المراجعات
admin-articles-done = { PLURAL($count) ->
    [zero] لم يتم تعديل أي مقال.
    [one] تم تعديل مقال واحد.
    [two] تم تعديل مقالين.
    [few] تم تعديل { $count } مقالات.
    [many] تم تعديل { $count } مقالا.
   *[other] تم تعديل { $count } مقال.
}
admin-article-draft = مسودة
admin-article-scheduled = مبرمج
admin-article-published = منشور
admin-article-archived = المهملات
admin-bulk-publish = نشر
admin-bulk-draft = إرجاع إلى المسودات
admin-bulk-trash = نقل إلى المهملات
admin-empty-articles = لا توجد مقالات.
admin-field-title = العنوان
admin-field-slug = المعرف (slug)
admin-slug-hint = يُنشأ من العنوان
admin-field-excerpt = المقدمة
admin-field-body = النص (Markdown)
admin-field-category = القسم
admin-field-tags = الوسوم (مفصولة بفواصل)
admin-field-image = الصورة البارزة (العنوان)
admin-field-author = الكاتب
admin-field-published-at = تاريخ النشر
admin-field-comments-open = التعليقات مفتوحة
admin-field-sticky = مثبّت في أعلى الصفحة الرئيسية
admin-field-lang = لغة المقال
admin-lang-site = لغة الموقع
admin-save = حفظ
admin-saved = تم حفظ المقال.
admin-preview = معاينة
admin-preview-link = رابط المعاينة السري
admin-view-public = عرض في الموقع
admin-error-summary = لم يتم حفظ المقال: المرجو تصحيح الحقول المشار إليها.
admin-error-title-required = العنوان إلزامي.
admin-error-title-too-long = العنوان طويل جدا.
admin-error-slug-invalid = لا يمكن أن يحتوي المعرف إلا على حروف لاتينية صغيرة وأرقام وشرطات.
admin-error-slug-taken = هذا المعرف مستعمل في مقال آخر.
admin-error-category-required = اختر قسما.
admin-error-date-invalid = تاريخ غير صالح.
admin-error-tag-invalid = أحد الوسوم غير قابل للاستعمال.
admin-error-tag-comma = لا يمكن أن يحتوي اسم الوسم على فاصلة: محرر المقالات يفصل بين الوسوم بالفواصل.
admin-error-image-invalid = يجب أن يبدأ عنوان الصورة بـ / أو https://.
admin-error-lang-invalid = اختر إحدى اللغات المقترحة.
admin-saved-by = بواسطة
admin-restore = استرجاع
admin-compare = مقارنة A و B
admin-diff-title = الفروق بين المراجعتين { $a } و{ $b }
admin-categories-title = الأقسام
admin-tags-title = الوسوم
admin-new-category = قسم جديد
admin-field-name = الاسم
admin-field-parent = القسم الأصلي
admin-field-position = الترتيب
admin-field-description = الوصف
admin-move-to = نقل مقالاته إلى
admin-delete = حذف
admin-error-name-invalid = الاسم إلزامي (100 حرف على الأكثر).
admin-error-parent-invalid = لا يمكن اعتماد هذا القسم الأصلي.
admin-error-position-invalid = يجب أن يكون الترتيب عددا صحيحا.
admin-error-move-to = اختر قسما آخر لنقل المقالات إليه.
admin-error-slug-reserved = هذا المعرف محجوز لصفحات الموقع (admin وtag وfeed…).
admin-settings-title = الإعدادات
admin-settings-saved = تم حفظ الإعدادات وتطبيقها.
admin-error-summary-settings = لم يتم حفظ الإعدادات: المرجو تصحيح الحقول المشار إليها.
admin-setting-name = اسم الموقع
admin-setting-tagline = العبارة التعريفية
admin-setting-locale = اللغة
admin-setting-logo = الشعار (عنوان صورة من مكتبة الوسائط)
admin-setting-logo-hint = انسخ عنوان صورة من مكتبة الوسائط، مثلا /media/12/logo.png؛ اتركه فارغا لعرض الاسم.
admin-settings-site = الموقع
admin-settings-comments = التعليقات
admin-setting-comments-moderation = مراجعة التعليقات الجديدة
admin-setting-moderation-all = كلها تنتظر المشرف
admin-setting-moderation-known = كلها باستثناء تعليقات أصحاب تعليقات مقبولة سابقا
admin-setting-moderation-none = تُنشر فورا (مع تطبيق مكافحة الرسائل المزعجة)
admin-setting-comments-max_length = الطول الأقصى للتعليق (عدد الحروف)
admin-setting-comments-max_links = إذا تجاوز التعليق هذا العدد من الروابط انتظر المشرف
admin-setting-comments-thread_depth = عمق الردود (1: بدون ردود)
admin-setting-comments-close_after_days = إغلاق التعليقات بعد (أيام، 0: أبدا)
admin-setting-comments-require_email = البريد الإلكتروني إلزامي
admin-setting-comments-remember_cookie = اقتراح تذكر المعلق
admin-setting-comments-rate_limit = الحد الأقصى للتعليقات لكل عنوان IP في كل فترة
admin-setting-comments-rate_window_minutes = مدة هذه الفترة (دقائق)
admin-setting-comments-min_seconds = المهلة الدنيا قبل إرسال الاستمارة (ثوان)
admin-settings-weather = الطقس
admin-setting-weather-unit = وحدة درجات الحرارة (طقس الترويسة)
admin-setting-unit-celsius = درجات مئوية (°C)
admin-setting-unit-fahrenheit = درجات فهرنهايت (°F)
admin-settings-dates = التواريخ
admin-setting-dates-digits = أرقام التواريخ والأعداد (في الموقع العربي)
admin-setting-digits-western = أرقام لاتينية: 20 مارس 2025
admin-setting-digits-arabic = أرقام هندية: ٢٠ مارس ٢٠٢٥
admin-setting-error-text = 200 حرف على الأكثر، بدون رموز تحكم.
admin-setting-error-locale = اختر إحدى اللغات المقترحة.
admin-setting-error-timezone = منطقة زمنية غير معروفة: استعمل اسما مثل Africa/Casablanca أو Europe/Paris.
admin-setting-error-number = أدخل عددا صحيحا من { $min } إلى { $max }.
admin-setting-error-url = أدخل عنوانا يبدأ بـ http:// أو https://.
admin-setting-error-choice = اختر من بين: { $choices }.
admin-setting-error-switch = اختر نعم أو لا.
admin-setting-error-logo = هذا ليس عنوان صورة من مكتبة الوسائط.
admin-yes = نعم
admin-no = لا
admin-locale-fr = Français
admin-locale-en = English
admin-locale-ar = العربية
admin-setting-timezone = المنطقة الزمنية (مثلا Africa/Casablanca)
admin-setting-posts_per_page = عدد المقالات في كل صفحة
admin-setting-base_url = العنوان العمومي للموقع
admin-setting-pinned = محدد في ملف الإعدادات
admin-profile-title = ملفي الشخصي
admin-profile-saved = تم حفظ الملف الشخصي.
admin-field-display-name = الاسم المعروض
admin-field-bio = نبذة
admin-error-bio-too-long = النبذة طويلة جدا (2000 حرف على الأكثر).
admin-media-title = الوسائط
admin-media-file = صورة (JPEG أو PNG أو WebP أو GIF، { $max } ميغابايت على الأكثر)
admin-media-alt = النص البديل (ما تظهره الصورة)
admin-media-upload = رفع
admin-media-size = الحجم
admin-media-processing = قيد التحضير
admin-media-ready = جاهزة
admin-media-failed = فشلت
admin-error-alt-required = صف الصورة في بضع كلمات (النص البديل): هذا إلزامي.
admin-error-not-an-image = هذا الملف ليس صورة JPEG أو PNG أو WebP أو GIF.
admin-error-image-too-large = الصورة كبيرة جدا (10000 بكسل على الأكثر في كل ضلع، و64 مليون بكسل في المجموع).
admin-error-media-in-use = هذه الصورة ما زالت مستعملة (أدناه)؛ أزلها من هناك أولا.
admin-field-avatar = الصورة الشخصية (عنوان صورة من مكتبة الوسائط، /media/…)
admin-error-avatar-invalid = يجب أن تكون الصورة الشخصية صورة جاهزة من مكتبة الوسائط (/media/…).

## Ads
ad-label = إعلان
admin-ads-title = الإعلانات
admin-ads-saved = تم حفظ الإعلانات.
admin-ad-title = إعلان
admin-ad-new = إعلان جديد
admin-ads-zones = الفضاءات الإعلانية
admin-ads-zone = الفضاء الإعلاني
admin-ads-active-creatives = الإعلانات النشطة
admin-ads-zones-hint = الفضاء الذي لا إعلان فيه لا يعرض شيئا. تحتفظ الصفحات المخزنة مؤقتا باختيارها إلى أن يعاد عرضها (كل 30 ثانية افتراضيا): يتم التناوب على فترات قصيرة. يُضبط موضع فضاءي «داخل المقال» و«بين المقالات» في الإعدادات.
admin-ad-zone-header = الترويسة
admin-ad-zone-sidebar-left = العمود الجانبي الضيق
admin-ad-zone-sidebar-right = العمود الجانبي العريض
admin-ad-zone-in-article = داخل المقال
admin-ad-zone-between-list-items = بين مقالات القوائم
admin-ads-creatives = الإعلانات
admin-ads-none = لا توجد إعلانات حاليا.
admin-ad-kind = النوع
admin-ad-kind-image = صورة مع رابط
admin-ad-kind-snippet = شفرة وكالة إعلانية (HTML/JavaScript)
admin-ad-weight = الوزن
admin-ad-period = الفترة
admin-ad-inactive = معطل
admin-ads-impressions = مرات الظهور
admin-ads-clicks = النقرات
admin-ads-ctr = نسبة النقر
admin-ads-txt-hint = يُقدَّم كما هو على العنوان /ads.txt (فارغ: لا ملف).
admin-ad-image = الصورة (عنوان صورة من مكتبة الوسائط)
admin-ad-link = الرابط (وجهة النقر)
admin-ad-snippet = الشفرة المقدمة من الوكالة الإعلانية
admin-ad-snippet-hint = تُعرض داخل إطار معزول (iframe sandbox): لا يمكنها قراءة الصفحة ولا ملفات تعريف الارتباط الخاصة بها ولا جلسة الإدارة.
admin-ad-size = الحجم (العرض × الارتفاع)
admin-ad-width = العرض
admin-ad-height = الارتفاع
admin-ad-categories = الأقسام المستهدفة
admin-ad-categories-hint = بدون تحديد: كل الصفحات. استهداف قسم يشمل أقسامه الفرعية.
admin-ad-starts = البداية
admin-ad-ends = النهاية
admin-ad-active = نشط
admin-error-summary-ad = لم يتم حفظ الإعلان: المرجو تصحيح الحقول المشار إليها.
admin-error-ad-image = اختر صورة جاهزة من مكتبة الوسائط.
admin-error-ad-link = أدخل عنوانا يبدأ بـ http:// أو https://.
admin-error-ad-alt = صف الصورة (100 حرف على الأكثر).
admin-error-ad-snippet = ألصق شفرة الوكالة الإعلانية (20000 حرف على الأكثر).
admin-error-ad-size = أدخل عرضا وارتفاعا من 1 إلى 2000 بكسل.
admin-error-ad-zones = اختر فضاء إعلانيا واحدا على الأقل.
admin-error-ad-categories = هذا القسم غير موجود.
admin-error-ad-dates = يجب أن تأتي النهاية بعد البداية.
admin-error-ad-weight = أدخل وزنا من 1 إلى 1000.
admin-ads-report-title = تقرير الإعلانات
admin-ads-from = من
admin-ads-to = إلى
admin-ads-csv = تصدير بصيغة CSV
admin-ads-creative = الإعلان
admin-ads-total = المجموع
admin-settings-ads = الإعلانات
admin-setting-ads-in_article_after = إعلان داخل المقال بعد الفقرة رقم
admin-setting-ads-list_every = إعلان بين مقالات القوائم، كل … مقالات

## Search engines
admin-settings-seo = محركات البحث
admin-setting-seo-alternates = مواقع الجريدة بلغات أخرى (مثلا fr=https://fr.example.ma)
admin-setting-error-alternates = اكتب أزواج لغة=عنوان مفصولة بمسافات، مثلا fr=https://fr.example.ma.
admin-setting-weather-cities = مدن الطقس (الاسم:خط العرض:خط الطول، مفصولة بـ ;)
admin-setting-error-cities = اكتب المدن هكذا: مراكش:31.6295:-7.9811; أكادير:30.4278:-9.5981 (خط العرض من -90 إلى 90، وخط الطول من -180 إلى 180).

## Feeds and robots
admin-settings-feeds = الخلاصات
admin-setting-feeds-full_content = تقدم الخلاصات النص الكامل لكل مقال (وإلا فملخصه فقط)
admin-settings-robots = robots.txt
admin-setting-robots_txt = قواعد محركات البحث والروبوتات الأخرى
admin-setting-robots_txt-hint = تقدم في /robots.txt متبوعة بعناوين خرائط الموقع (دائما بالعنوان العام للموقع). إذا تركت فارغة: يمكن تصفح كل شيء عدا /admin/ و /preview/.
admin-setting-error-robots = 64 كيلوبايت على الأكثر، بدون أحرف تحكم.

## Search
search-bad-date = التاريخ « { $value } » غير صالح (المنتظر: سنة-شهر-يوم)؛ تم تجاهله.
search-category = القسم
search-category-any = كل الأقسام
search-empty = اكتب كلمة أو أكثر للبحث في مقالات الموقع.
search-from = من
search-label = بحث
search-latest = آخر المقالات
search-no-words = لا يحتوي بحثك على أي كلمة للبحث عنها.
search-none = لا توجد نتائج لـ « { $query } ».
search-placeholder = بحث…
search-rebuilding = يجري الآن إعادة بناء فهرس البحث. أعد المحاولة بعد لحظة.
search-results = { PLURAL($count) ->
    [zero] لا توجد نتائج لـ « { $query } »
    [one] نتيجة واحدة لـ « { $query } »
    [two] نتيجتان لـ « { $query } »
    [few] { $count } نتائج لـ « { $query } »
    [many] { $count } نتيجة لـ « { $query } »
   *[other] { $count } نتيجة لـ « { $query } »
}
search-submit = بحث
search-suggestion-fewer = جرّب بكلمات أقل:
search-suggestion-spelling = هل تقصد:
search-tips = تحقق من الإملاء، أو جرّب كلمات أخرى، أو أزل عوامل التصفية.
search-title = بحث
search-title-query = بحث: « { $query } »
search-to = إلى
search-truncated = كان بحثك طويلا جدا: لم يؤخذ في الاعتبار سوى أول { $max } حرف.
search-unknown-category = القسم « { $value } » غير موجود؛ تم تجاهل عامل التصفية.
