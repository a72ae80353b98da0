"""Sample texts for the long-tail PDFs: real sentences in each script, with numbers and Latin
words mixed in where documents have them."""

HEBREW = [
    "שלום עולם, זהו מסמך לבדיקה של טקסט בעברית.",
    "השורה השנייה כוללת את המספר 2024 ואת המילה English באמצע.",
    "החשבונית מספר 4711 שולמה ביום שלישי בבוקר.",
    "ירושלים, תל אביב וחיפה הן ערים גדולות בישראל.",
    "הפגישה נדחתה לשבוע הבא בגלל מזג האוויר.",
    "אנא שלחו את המסמכים החתומים עד סוף החודש.",
]

ARABIC = [
    "مرحبا بالعالم، هذا مستند لاختبار النص العربي.",
    "السطر الثاني يحتوي على الرقم 2024 وكلمة English في الوسط.",
    "تم دفع الفاتورة رقم 4711 صباح يوم الثلاثاء.",
    "القاهرة ودمشق وبغداد من أكبر المدن العربية.",
    "تأجل الاجتماع إلى الأسبوع القادم بسبب الطقس.",
    "يرجى إرسال الوثائق الموقعة قبل نهاية الشهر.",
]

MIXED_LTR = [
    "The word שלום means peace, and the word سلام means the same.",
    "Invoice 4711 was sent to תל אביב and to القاهرة on Tuesday.",
    "Please sign the contract before Friday, thank you.",
]

JAPANESE = [
    "日本語の文書を抽出するためのテストです。",
    "東京都渋谷区の会議は2024年5月に開かれました。",
    "請求書番号4711の支払いは火曜日に完了しました。",
    "山田太郎さんは Tokyo Station で待っています。",
    "カタカナとひらがなと漢字が混ざっています。",
]

CHINESE_SIMPLIFIED = [
    "这是一个用于测试中文文本提取的文档。",
    "北京和上海是中国最大的城市之一。",
    "发票号码4711已于星期二上午支付。",
    "会议因为天气原因推迟到下周举行。",
    "请在月底之前寄回签好字的文件。",
]

CHINESE_TRADITIONAL = [
    "這是一個用於測試中文文本提取的文件。",
    "臺北和高雄是臺灣最大的城市之一。",
    "發票號碼4711已於星期二上午支付。",
    "會議因為天氣原因延到下週舉行。",
    "請在月底之前寄回簽好字的文件。",
]

HONG_KONG = [
    "香港特別行政區的天氣很好。",
    "我哋喺旺角食咗飯先返屋企。",
]

KOREAN = [
    "한국어 문서의 텍스트 추출을 위한 시험입니다.",
    "서울과 부산은 한국에서 가장 큰 도시입니다.",
    "청구서 번호 4711은 화요일 오전에 지불되었습니다.",
    "회의는 날씨 때문에 다음 주로 연기되었습니다.",
    "월말까지 서명한 서류를 보내 주십시오.",
]

# Hangul syllables outside KS X 1001 (cp949 / UHC only).
KOREAN_UHC = [
    "똠방각하 펲시콜라 햏자",
]

LATIN = [
    "The quick brown fox jumps over the lazy dog near the river bank.",
    "Invoice 4711 totals 99.50 EUR and is due on the first of March.",
    "Please find attached the signed contract and the delivery note.",
    "Café, naïve, façade and jalapeño keep their accents intact.",
]
