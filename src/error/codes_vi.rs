//! The registry's Vietnamese: each code's title and fix as a Vietnamese editor reads them,
//! for the browser editor (which shows them when it has no translation of the message
//! itself) and the reference page `docs/reference/ma-loi.md`.
//!
//! An exhaustive `match`, so a new code does not compile until it has its Vietnamese. Kept
//! apart from `codes.rs` so the registry's rows stay one screen each. Ids, field names,
//! paths and examples stay as in the English (`launched:`, `2024-01-15`): they are what
//! the editor types.

use super::codes::Level;
use super::Code;

impl Level {
    /// The level as the Vietnamese reference says it.
    pub fn vi(self) -> &'static str {
        match self {
            Level::Error => "Lỗi",
            Level::Warning => "Cảnh báo",
            Level::ErrorOrWarning("a warning while every version of the report is a draft") => {
                "Lỗi; là cảnh báo khi mọi bản của báo cáo đều là bản nháp"
            }
            // Not reached by the registry (a test sees to it); the case is in English.
            Level::ErrorOrWarning(_) => "Lỗi hoặc cảnh báo",
        }
    }
}

impl Code {
    /// The Vietnamese title and fix: (`entry().title`, `entry().fix`) in Vietnamese.
    pub fn vi(self) -> (&'static str, &'static str) {
        use Code::*;
        match self {
            // MB01: site.yaml và dòng lệnh.
            SettingsUnreadable => (
                "không đọc được tệp site.yaml",
                "Hãy chạy minhbach trong thư mục của trang (thư mục có tệp site.yaml), hoặc chỉ rõ thư mục bằng `--root DIR`. Nếu tệp có ở đó, hãy kiểm tra quyền đọc tệp.",
            ),
            BadBaseUrl => (
                "base_url không phải là một địa chỉ",
                "Ghi địa chỉ mà trang được công bố, bắt đầu bằng https://, http:// hoặc /: `base_url: \"https://example.gov.vn/\"`.",
            ),
            NoLanguages => (
                "chưa khai báo ngôn ngữ nào",
                "Khai báo ít nhất một ngôn ngữ trong mục `languages:`, ví dụ `- code: vi`.",
            ),
            LanguageTwice => (
                "một ngôn ngữ được khai báo hai lần",
                "Mỗi ngôn ngữ chỉ khai báo một lần trong mục `languages:`.",
            ),
            UnknownDefaultLanguage => (
                "default_language không nằm trong danh sách ngôn ngữ",
                "Đặt `default_language:` bằng mã của một ngôn ngữ trong `languages:` (thường là `vi`).",
            ),
            BadThemeName => (
                "theme không phải là tên giao diện hợp lệ",
                "Ghi tên một thư mục trong themes/ (chữ cái, chữ số, dấu - và _), hoặc xóa dòng `theme:` để dùng giao diện có sẵn.",
            ),
            ThemeNotFound => (
                "không có thư mục giao diện",
                "Xóa dòng `theme:` để dùng giao diện mặc định có sẵn, hoặc thêm thư mục của giao diện vào themes/.",
            ),
            BadSegment => (
                "từ dùng trong địa chỉ của một mục không hợp lệ",
                "Mỗi từ trong `segments:` chỉ gồm chữ thường không dấu, chữ số và dấu gạch ngang: hãy viết theo gợi ý (`tim-kiem`, không viết `Tìm kiếm`).",
            ),
            SegmentClash => (
                "hai mục của trang dùng cùng một từ trong địa chỉ",
                "Trong `segments:`, mỗi mục của một ngôn ngữ cần một từ riêng.",
            ),
            UnknownLanguage => (
                "lệnh nêu một ngôn ngữ mà trang không có",
                "Dùng một trong các mã ngôn ngữ của site.yaml với `--lang`, hoặc thêm ngôn ngữ đó vào site.yaml trước.",
            ),
            BadSourceDateEpoch => (
                "SOURCE_DATE_EPOCH không phải là số",
                "Bỏ biến SOURCE_DATE_EPOCH, hoặc đặt nó bằng một số nguyên: số giây tính từ năm 1970.",
            ),
            // MB02: tệp và YAML.
            NoContentFolder => (
                "thiếu thư mục content",
                "Tạo thư mục content/, bên trong có campaigns/, exemplars/, reports/, pages/, plan/ và data/, hoặc chạy minhbach trong thư mục của trang.",
            ),
            NotInContentFolder => (
                "tệp markdown nằm ngoài các thư mục nội dung",
                "Chuyển tệp `.md` vào content/plan/, content/campaigns/, content/exemplars/, content/reports/, content/pages/ hoặc content/nominations/ (không đặt trong thư mục con).",
            ),
            NotMarkdown => (
                "thư mục nội dung có tệp không phải markdown",
                "Ảnh và tệp đính kèm đặt trong static/ và được liên kết từ đó; các thư mục nội dung chỉ chứa tệp `.md`.",
            ),
            UnknownFileLanguage => (
                "tên tệp kết thúc bằng mã của một ngôn ngữ mà trang không có",
                "Tên tệp nội dung kết thúc bằng `.vi.md` hoặc `.en.md`: đó là các mã ngôn ngữ trong site.yaml.",
            ),
            YmlDataFile => (
                "tệp dữ liệu có đuôi .yml",
                "Tệp dữ liệu có đuôi `.yaml`: hãy đổi tên tệp (nếu có cả hai tệp, giữ các mục trong tệp `.yaml`).",
            ),
            NotYamlInData => (
                "content/data/ có tệp không phải YAML",
                "Thư mục content/data/ chỉ chứa tệp `.yaml`; các tệp khác đặt trong static/.",
            ),
            UnknownDataFile => (
                "tệp dữ liệu không được hỗ trợ",
                "Các tệp dữ liệu là documents.yaml, units.yaml, events.yaml và indicators.yaml; hãy đổi tên hoặc xóa tệp này.",
            ),
            NotUtf8 => (
                "tệp không phải văn bản UTF-8",
                "Lưu tệp ở dạng UTF-8 (trong Word: Save As, Plain Text, Unicode (UTF-8)). Dòng và cột được nêu chỉ ký tự sai đầu tiên.",
            ),
            CannotRead => (
                "không đọc được một tệp",
                "Kiểm tra tệp có tồn tại và có quyền đọc, rồi chạy lại lệnh.",
            ),
            Io => (
                "không đọc hoặc ghi được một thư mục",
                "Kiểm tra thư mục có tồn tại và có quyền đọc, ghi, rồi chạy lại lệnh.",
            ),
            SymlinkNowhere => (
                "liên kết tượng trưng (symbolic link) trỏ đến nơi không tồn tại",
                "Xóa liên kết, hoặc sao chép tệp cần dùng vào thư mục của trang.",
            ),
            SymlinkOutside => (
                "liên kết tượng trưng trỏ ra ngoài thư mục của trang",
                "Sao chép tệp vào thư mục của trang thay vì liên kết tới nó: không có gì bên ngoài trang được đọc hay công bố.",
            ),
            SymlinkLoop => (
                "liên kết tượng trưng trỏ tới thư mục chứa chính nó",
                "Xóa liên kết, hoặc trỏ nó tới đúng thư mục cần dùng.",
            ),
            NoFrontMatter => (
                "tệp không bắt đầu bằng phần thông tin đầu tệp",
                "Dòng đầu tiên của tệp phải đúng là `---` (không có dấu cách hay chữ phía trước), tiếp theo là các trường, rồi thêm một dòng `---`.",
            ),
            FrontMatterNotClosed => (
                "phần thông tin đầu tệp chưa được đóng",
                "Thêm một dòng `---` sau trường cuối cùng, trước phần nội dung.",
            ),
            NotAField => (
                "một dòng trong phần thông tin đầu tệp không phải là trường",
                "Mỗi dòng trong phần thông tin đầu tệp bắt đầu bằng tên trường và dấu `:` (`title: …`), hoặc là phần tiếp theo của trường phía trên, viết thụt vào.",
            ),
            YamlSyntax => (
                "không đọc được nội dung YAML",
                "Thường do một giá trị chữ có chứa `: ` hoặc `#`, hoặc một mục danh sách thiếu `- ` ở đầu. Hãy đặt cả giá trị trong dấu ngoặc kép: `title: \"Báo cáo: 6 tháng\"`.",
            ),
            UnclosedQuote => (
                "dấu ngoặc kép (hoặc nháy đơn) chưa được đóng",
                "Kết thúc giá trị bằng đúng loại dấu ngoặc đã mở: `title: \"Kế hoạch năm 2024\"`.",
            ),
            NestedTooDeep => (
                "danh sách hoặc nhóm lồng nhau quá nhiều tầng",
                "Đóng mỗi `[` bằng `]` và mỗi `{` bằng `}`; danh sách dài nên viết thành từng dòng `- mục`.",
            ),
            UnknownField => (
                "tên trường không hợp lệ",
                "Tên trường bị viết sai hoặc không dùng cho loại tệp này: hãy sửa lại (thông báo gợi ý tên gần nhất) hoặc xóa dòng đó. Các tên được phép có trong thông báo và trong [danh mục các trường](fields.md).",
            ),
            MissingField => (
                "thiếu trường bắt buộc",
                "Thêm trường còn thiếu (`title: \"…\"`); [danh mục các trường](fields.md) nêu các trường bắt buộc của từng loại tệp.",
            ),
            DuplicateField => (
                "một trường được viết hai lần",
                "Chỉ giữ lại một trong hai dòng.",
            ),
            UnknownValue => (
                "giá trị không thuộc các giá trị được phép",
                "Trường này chỉ nhận các giá trị được liệt kê trong thông báo: hãy dùng một trong các giá trị đó.",
            ),
            InvalidValue => (
                "giá trị sai kiểu",
                "Trường này cần kiểu giá trị khác với giá trị đã ghi (danh sách, số, chữ, có/không): hãy viết như [danh mục các trường](fields.md) hướng dẫn.",
            ),
            DecomposedLetters => (
                "chữ tiếng Việt bị tách dấu",
                "Trang vẫn hoạt động bình thường: minhbach tự ghép dấu khi xây dựng trang. Để sửa chính tệp, hãy gõ lại từ đó, hoặc lưu tệp ở dạng UTF-8 bằng trình soạn thảo có ghép dấu.",
            ),
            InvisibleCharacter => (
                "có ký tự ẩn",
                "Xóa ký tự đó và gõ một dấu cách thông thường (hoặc không gõ gì): ký tự ẩn, thường bị dán từ trang web hoặc Word, làm sai việc tìm kiếm và sắp xếp.",
            ),
            StraySpaces => (
                "giá trị có dấu cách thừa",
                "Xóa dấu cách giữa dấu ngoặc kép và chữ, và chỉ để một dấu cách giữa các từ.",
            ),
            // MB03: mã, địa chỉ và bản dịch.
            UnknownReference => (
                "mã không tồn tại",
                "Phong trào, đơn vị, văn bản, kế hoạch, chỉ tiêu hoặc gương điển hình được nêu không tồn tại. Hãy dùng mã được gợi ý, hoặc thêm tệp phong trào còn thiếu hay mục còn thiếu trong tệp dữ liệu. Mã là tên tệp (đối với phong trào) hoặc giá trị `id:` của mục dữ liệu, không phải tiêu đề.",
            ),
            UnknownDocumentKind => (
                "loại văn bản không hợp lệ",
                "Dùng một trong các loại văn bản trong [bảng văn bản](../authoring.md#legal-documents-contentdatadocumentsyaml).",
            ),
            DuplicateId => (
                "hai mục có cùng mã",
                "Mỗi mục của tệp dữ liệu (và mỗi người, đơn vị trong một danh sách đề nghị) cần một mã riêng: hãy đổi mã của một trong hai mục.",
            ),
            BadId => (
                "mã không chỉ gồm chữ thường, chữ số và dấu gạch ngang",
                "Viết mã theo dạng `ten-viet-lien` như gợi ý: chữ thường không dấu, chữ số và dấu gạch ngang.",
            ),
            DuplicateAddress => (
                "hai tệp có cùng địa chỉ",
                "Hai tệp cùng loại, cùng ngôn ngữ cho ra cùng một địa chỉ (ví dụ `Ấm no.vi.md` và `am-no.vi.md`). Hãy đổi tên một tệp, hoặc đặt cho tệp đó một `slug:` (địa chỉ riêng) khác.",
            ),
            AddressHasNoLetters => (
                "tên tệp hoặc slug không có chữ cái hay chữ số",
                "Đặt tên tệp theo tiêu đề (`nong-thon-moi.vi.md`), hoặc ghi một `slug:` có chữ cái hoặc chữ số.",
            ),
            AddressTooLong => (
                "địa chỉ quá dài để làm tên thư mục",
                "Địa chỉ là tên thư mục nên có giới hạn độ dài: hãy đặt `slug:` (hoặc mã) ngắn hơn, ví dụ vài từ đầu của tiêu đề.",
            ),
            ReservedAddress => (
                "địa chỉ trang trùng với một mục của trang web",
                "Trang không được đặt tên là `phong-trao`, `bao-cao`, `tim-kiem`, `du-lieu-mo`, `en`, …: hãy đổi tên tệp hoặc đặt `slug:`.",
            ),
            MissingLanguageText => (
                "mục dữ liệu thiếu nội dung của một ngôn ngữ",
                "Ghi nội dung bằng mọi ngôn ngữ của trang: `name: { vi: \"…\", en: \"…\" }`.",
            ),
            UnknownLanguageText => (
                "mục dữ liệu có nội dung của một ngôn ngữ mà trang không có",
                "Xóa nội dung của ngôn ngữ đó, hoặc thêm ngôn ngữ đó vào site.yaml.",
            ),
            NoTranslation => (
                "chưa có bản dịch",
                "Đây không phải lỗi: mục vẫn được đăng và được ghi chú \"chỉ có tiếng Việt\" trên trang tiếng Anh. Hãy thêm tệp `.en.md` khi bản dịch sẵn sàng.",
            ),
            TranslationNotPublished => (
                "bản dịch còn là bản nháp hoặc có ngày đăng muộn hơn",
                "Đây không phải lỗi: mục được hiển thị bằng ngôn ngữ chính (tiếng Việt) cho đến khi bản dịch được đăng. Hãy xóa `draft: true` trong bản dịch khi bản dịch sẵn sàng.",
            ),
            FactDiffers => (
                "bản dịch ghi lại một dữ kiện nhưng khác với bản gốc",
                "Dữ kiện (ngày, số liệu, kỳ báo cáo, mã) chỉ ghi một lần, trong tệp ngôn ngữ chính (`.vi.md`). Hãy xóa dòng đó trong bản dịch, hoặc sửa lại chỗ ghi sai.",
            ),
            FactOnlyInTranslation => (
                "dữ kiện chỉ được ghi trong bản dịch",
                "Chuyển dòng đó sang tệp ngôn ngữ chính (`.vi.md`): dữ kiện được ghi ở đó và dùng chung cho mọi ngôn ngữ.",
            ),
            TranslationExtraItem => (
                "bản dịch có một mục mà bản gốc không có",
                "Bản dịch chỉ dịch nội dung của các tệp đính kèm, người được đề nghị hoặc kết quả đã có trong tệp ngôn ngữ chính (`.vi.md`): hãy thêm mục đó vào bản gốc trước, hoặc sửa lại mã của mục.",
            ),
            // MB04: dữ kiện.
            BadDate => (
                "không phải là ngày hợp lệ",
                "Ghi một ngày có thật, năm trước: `2022-01-15`. Các trường `recognized`, `submitted` và các ngày `due` trong lịch báo cáo của kế hoạch phải có ngày cụ thể.",
            ),
            BadPeriod => (
                "không phải là kỳ báo cáo hợp lệ",
                "Ghi `2022-H1`, `2022-H2`, `2022-Q1` … `2022-Q4`, `2022-9M`, `2022-05`, `2022`, `2021-2022` (năm học) hoặc `2022-04-01..2023-03-31`.",
            ),
            BadNumber => (
                "không phải là số, hoặc số có thể hiểu theo hai cách",
                "Chỉ ghi số bằng chữ số: `94,5`, `\"1.500.000\"`; đơn vị tính thuộc về chỉ tiêu. Ghi `1500` (một nghìn năm trăm) hoặc `1,5` (một phẩy năm), không ghi `1.500`.",
            ),
            EndsBeforeLaunch => (
                "phong trào kết thúc trước ngày phát động",
                "Kiểm tra lại hai ngày `launched:` và `ends:`.",
            ),
            RecognizedBeforeCampaign => (
                "được công nhận trước khi phong trào bắt đầu",
                "Kiểm tra lại ngày công nhận, phong trào, hoặc ngày `launched:` của phong trào.",
            ),
            RecognizedAfterCampaign => (
                "được công nhận sau khi phong trào kết thúc",
                "Kiểm tra lại ngày công nhận, phong trào, hoặc ngày `ends:` của phong trào; việc khen thưởng sau khi phong trào kết thúc vẫn có thể xảy ra, nên đây chỉ là cảnh báo.",
            ),
            PeriodNotPlanned => (
                "báo cáo cho một kỳ không có trong kế hoạch nào",
                "Bổ sung cho kế hoạch yêu cầu báo cáo này một `period:` hoặc một mục trong `reporting.schedule` cho kỳ đó, hoặc sửa lại kỳ của báo cáo.",
            ),
            SecondReport => (
                "có hai báo cáo cho cùng một kỳ và cùng các phong trào",
                "Hai báo cáo cùng đưa số liệu của một kỳ cho các phong trào giống nhau: hãy gộp lại, sửa kỳ báo cáo, hoặc ghi rõ kế hoạch mà mỗi báo cáo thực hiện bằng `plan:`.",
            ),
            ActualMissing => (
                "dòng kết quả thiếu giá trị đạt được",
                "Thêm dòng `actual: …` với số liệu đạt được trong kỳ, ví dụ `actual: 97,5`.",
            ),
            NoTarget => (
                "dòng kết quả không có chỉ tiêu kế hoạch",
                "Thêm `target:` (hoặc `target_min:` và `target_max:`) vào kết quả, hoặc vào chỉ tiêu trong content/data/indicators.yaml.",
            ),
            BadTarget => (
                "chỉ tiêu kế hoạch không phù hợp với chiều tốt hơn (direction) của chỉ tiêu",
                "Chỉ tiêu có `direction: range` dùng `target_min:` và `target_max:` (giá trị nhỏ trước); các chỉ tiêu khác dùng một `target:`.",
            ),
            IndicatorTwice => (
                "một chỉ tiêu có hai dòng trong cùng một báo cáo",
                "Trong `results:` của báo cáo, mỗi chỉ tiêu chỉ có một dòng.",
            ),
            OpensBeforePosted => (
                "ngày bắt đầu nhận góp ý trước ngày niêm yết danh sách",
                "`opens` (ngày bắt đầu nhận góp ý) phải trùng hoặc sau `posted` (ngày niêm yết). Nếu bỏ trống, việc nhận góp ý bắt đầu từ ngày sau ngày niêm yết.",
            ),
            DeadlineBeforeOpens => (
                "hạn góp ý trước ngày bắt đầu nhận góp ý",
                "Kiểm tra `deadline:`: đây là ngày cuối cùng nhận góp ý, phải sau `posted` (ngày niêm yết) và `opens`.",
            ),
            CommentWindowTooShort => (
                "thời gian góp ý ngắn hơn quy định của trang",
                "Lùi hạn góp ý: thời gian góp ý tính theo ngày làm việc (không tính thứ Bảy, Chủ nhật và ngày lễ), ít nhất bằng `nominations.min_comment_days` trong site.yaml.",
            ),
            NoHolidaysForYear => (
                "chưa có danh sách ngày lễ của một năm trong thời gian góp ý",
                "Thời gian góp ý của năm đó được tính mà không trừ ngày lễ: hãy tự kiểm tra lại, và cập nhật minhbach khi có danh sách ngày lễ của năm đó.",
            ),
            DecidedBeforeDeadline => (
                "quyết định trước khi hết thời gian góp ý",
                "Hội đồng chỉ quyết định sau ngày cuối cùng nhận góp ý: hãy kiểm tra ngày quyết định và hạn góp ý.",
            ),
            AwardedNotNominee => (
                "được khen thưởng nhưng không có trong danh sách đề nghị",
                "`awarded:` chỉ ghi mã của những người, đơn vị có trong `nominees:` của danh sách: hãy sửa lại mã, hoặc bổ sung vào danh sách đề nghị.",
            ),
            PersonalData => (
                "có vẻ là thông tin cá nhân",
                "Chỉ công bố những thông tin cần cho việc khen thưởng: xóa số căn cước công dân, số điện thoại riêng và ngày sinh. Số điện thoại của cơ quan nhận góp ý ghi trong `comments:`.",
            ),
            // MB05: ảnh và liên kết.
            NotAWebImage => (
                "ảnh ở định dạng trình duyệt không hiển thị được",
                "Chuyển ảnh sang JPEG (trên iPhone: Cài đặt → Camera → Định dạng → Tương thích nhất), và liên kết tới tệp `.jpg`, `.png` hoặc `.webp`.",
            ),
            NoPhotoAlt => (
                "ảnh chưa có mô tả (photo_alt)",
                "Thêm một dòng như `photo_alt: \"Cô Hoa giảng bài cho học sinh lớp 10\"`: trong ảnh là ai, đang làm gì, ở đâu.",
            ),
            NoAltText => (
                "hình ảnh trong bài chưa có lời mô tả",
                "Mô tả nội dung hình ảnh trong dấu ngoặc vuông: `![Lễ trao bằng khen tại hội trường](/anh/x.jpg)`. Hình chỉ để trang trí thì không cần mô tả.",
            ),
            PhotoTooSmall => (
                "ảnh quá nhỏ so với vị trí hiển thị",
                "Dùng ảnh đúng như máy ảnh hoặc điện thoại đã lưu (rộng ít nhất 1280 điểm ảnh), không dùng ảnh đã gửi qua ứng dụng nhắn tin hoặc cắt từ văn bản.",
            ),
            ImageNotPublishable => (
                "không đọc được ảnh",
                "Mở tệp bằng trình xem ảnh: nếu vẫn không mở được, hãy sao chép lại ảnh từ máy ảnh hoặc điện thoại; nếu mở được, hãy lưu lại ở dạng JPEG.",
            ),
            StaticImageUnreadable => (
                "không đọc được một ảnh trong static/",
                "Không trang nào hiển thị ảnh này nên ảnh không được đăng. Hãy mở bằng trình xem ảnh rồi lưu lại ở dạng JPEG hoặc PNG, hoặc xóa ảnh.",
            ),
            BrokenLink => (
                "liên kết hoặc tệp trỏ đến nơi không tồn tại",
                "Kiểm tra lại địa chỉ: trang còn là bản nháp hoặc có ngày đăng trong tương lai thì chưa được đăng, nên liên kết tới trang đó bị hỏng. Tệp được nêu trong một trường đặt trong static/ (tệp static/van-ban/x.pdf ghi là /van-ban/x.pdf).",
            ),
            NoSuchAnchor => (
                "liên kết tới một vị trí (#…) mà trang không có",
                "Vị trí trong trang được tạo từ các tiêu đề: `## Mục đích` cho ra `#muc-dich`. Hãy kiểm tra cách viết hoặc tiêu đề; địa chỉ của ảnh không có phần `#…`.",
            ),
            UnsafeAddress => (
                "địa chỉ không an toàn cho người đọc",
                "Liên kết chỉ được trỏ tới `https://`, `http://`, `mailto:`, `tel:` hoặc một trang, một tệp của trang web; không dùng `javascript:` hay `data:`.",
            ),
            AddressOutsideSite => (
                "địa chỉ đi ra ngoài thư mục gốc của trang",
                "Địa chỉ dùng `..` để đi lên trên thư mục gốc của trang: hãy viết địa chỉ tính từ gốc của trang, ví dụ `/van-ban/x.pdf`, và đặt tệp trong static/.",
            ),
            NotFromSiteRoot => (
                "địa chỉ trong một trường không được viết từ gốc của trang",
                "Các trường được hiển thị trên những trang ở các cấp thư mục khác nhau: hãy bắt đầu đường dẫn bằng `/` như gợi ý (`/anh/a.jpg` cho tệp static/anh/a.jpg).",
            ),
            LinksToOriginal => (
                "liên kết tới ảnh gốc",
                "Trang web chỉ đăng các cỡ ảnh do trang tạo ra, không đăng ảnh gốc: hãy hiển thị ảnh như một hình ảnh, hoặc liên kết tới trang có ảnh đó; hoặc cho đăng ảnh gốc bằng `images: { publish_originals: true }` trong site.yaml.",
            ),
            LinkNotYetPublished => (
                "liên kết tới một mục sẽ được đăng sau",
                "Nếu ngày đăng đúng thì không cần làm gì: liên kết được hiển thị như chữ thường cho đến khi mục được đăng, và lần xây dựng trang đầu tiên từ ngày đó trở đi sẽ biến nó thành liên kết.",
            ),
            NotYetPublishedInHtml => (
                "mã HTML liên kết tới một mục sẽ được đăng sau",
                "Viết liên kết bằng markdown, `[chữ](địa chỉ)`: liên kết như vậy được hiển thị như chữ thường cho đến khi mục được đăng.",
            ),
            // MB06: xây dựng trang và thư mục đầu ra.
            TemplateError => (
                "không dùng được một khuôn mẫu (template)",
                "Sửa khuôn mẫu được nêu trong thông báo, hoặc xóa bản thay thế đã đặt trong templates/ để dùng khuôn mẫu của giao diện.",
            ),
            UiStringsMissing => (
                "giao diện thiếu các câu chữ của một ngôn ngữ",
                "Thêm tệp hoặc dòng được nêu trong thông báo vào thư mục i18n/ của giao diện, với nội dung bằng ngôn ngữ đó.",
            ),
            ReplacesGenerated => (
                "một tệp trong static/ sẽ thay thế tệp do trang tạo ra",
                "Đổi tên hoặc chuyển tệp: static/ có thể thay thế các tệp của giao diện như style.css, nhưng không được thay thế các trang, bản tin (feed), sơ đồ trang, chỉ mục tìm kiếm, tệp dữ liệu hay ảnh do trang tạo ra.",
            ),
            DecomposedTwin => (
                "hai tệp trong static/ chỉ khác nhau ở cách ghép dấu",
                "Chỉ giữ lại một tệp: trang web đăng cả hai tệp tại cùng một địa chỉ.",
            ),
            SameAddress => (
                "hai tệp đầu ra có cùng địa chỉ",
                "Đặt cho một trong hai mục một `slug:` khác.",
            ),
            OutputNotOurs => (
                "thư mục đầu ra có tệp không do minhbach tạo ra",
                "Chọn `--output` khác, làm trống thư mục, hoặc dùng `--force` nếu được phép xóa các tệp trong đó.",
            ),
            UnsafeOutput => (
                "từ chối xây dựng trang vào thư mục này",
                "Thông báo nêu lý do (chính thư mục của trang, thư mục chứa nó, thư mục cá nhân…). Hãy chọn `--output` khác, hoặc dùng thư mục mặc định `public/`; xem [xây dựng trang an toàn](../security.md#builds-never-lose-the-published-site).",
            ),
            OutputLocked => (
                "một lần xây dựng trang khác đang ghi vào thư mục",
                "Một lệnh `minhbach build` khác đang ghi vào cùng thư mục: hãy chờ lệnh đó xong rồi chạy lại lệnh.",
            ),
            DiskFull => (
                "ổ đĩa đã đầy",
                "Giải phóng dung lượng được nêu trong thông báo trên ổ đĩa đó, hoặc xây dựng trang sang ổ đĩa khác bằng `--output`. Trang đã xây dựng trước đó vẫn giữ nguyên.",
            ),
            WriteFailed => (
                "không ghi được một tệp của trang mới",
                "Kiểm tra thư mục có quyền ghi và còn dung lượng trống, rồi chạy lại lệnh. Trang đã xây dựng trước đó vẫn giữ nguyên.",
            ),
            OutputChangedDuringBuild => (
                "trang mới bị thay đổi trong khi đang xây dựng",
                "Một chương trình khác đã ghi vào thư mục đầu ra trong khi minhbach đang xây dựng trang: hãy chạy lại lệnh, và không để chương trình khác ghi vào thư mục này.",
            ),
            // MB07: đưa trang lên máy chủ (deploy).
            BadDeployTarget => (
                "nơi đưa trang lên (deploy target) không hợp lệ",
                "Sửa nơi đưa trang lên trong `deploy.targets` của site.yaml như gợi ý: một trong `folder:`, `sftp:` hoặc `s3:`, với tên máy chủ, thư mục tính từ gốc của máy chủ hoặc tên bucket.",
            ),
            UnknownDefaultTarget => (
                "default_target không phải là một nơi đưa trang lên",
                "Ghi tên của một trong các nơi đưa trang lên trong `deploy.targets`.",
            ),
            BadDeletionLimit => (
                "giới hạn xóa tệp nằm ngoài khoảng cho phép",
                "`max_deletion_percent` là tỷ lệ phần trăm: một số từ 0 đến 100.",
            ),
            NotABuiltSite => (
                "thư mục đưa lên không phải là trang đã xây dựng",
                "Chạy `minhbach build` trước, hoặc dùng `minhbach deploy --build`.",
            ),
            DeployIntoBuiltSite => (
                "đưa trang lên vào chính thư mục của trang đã xây dựng",
                "Đưa trang lên thư mục của máy chủ web, ví dụ /var/www/minhbach, không phải public/ hay thư mục chứa nó.",
            ),
            DeletionGuard => (
                "từ chối: lần đưa trang lên này sẽ xóa quá nhiều tệp",
                "Nếu trang thật sự đã bỏ các tệp đó, hãy chạy `minhbach deploy --dry-run` để xem danh sách, rồi chạy lại với `--allow-deletions N`. Mã thoát 3.",
            ),
            BadManifest => (
                "không đọc được bản ghi các tệp đang có trên máy chủ",
                "Nếu bản ghi bị hỏng, hãy xóa tệp được nêu trong thông báo ở nơi đưa trang lên: lần đưa trang lên sau sẽ tải lại mọi tệp (và không xóa gì).",
            ),
            DeployConnect => (
                "không kết nối hoặc không đăng nhập được vào nơi đưa trang lên",
                "Kiểm tra cài đặt của nơi đưa trang lên trong site.yaml; với SFTP, hãy tự đăng nhập một lần bằng `ssh` để xem khóa (key) hoặc khóa máy chủ (host key) có vấn đề gì; với S3, kiểm tra các biến AWS_* và địa chỉ endpoint.",
            ),
            DeployTransfer => (
                "chuyển tệp lên máy chủ không thành công",
                "Chạy lại lệnh: lệnh sẽ hoàn tất việc đưa trang lên, chỉ tải lên những tệp còn thiếu. Nếu vẫn không thành công, thông báo nêu câu trả lời của máy chủ.",
            ),
            // MB08: nhập số liệu.
            NotAReport => (
                "nơi nhập số liệu không phải là một báo cáo của trang",
                "Chỉ rõ tệp báo cáo trong content/reports/ của trang nêu ở `--root`, ví dụ content/reports/bao-cao-nam-2024.vi.md; nếu chưa có, hãy tạo trước bằng `minhbach new report`.",
            ),
            TableUnreadable => (
                "không đọc được bảng",
                "Lưu bảng tính ở dạng .xlsx, .ods hoặc .csv, hoặc sao chép các ô rồi dán vào.",
            ),
            TableQuote => (
                "dấu ngoặc kép trong bảng chưa được đóng",
                "Ô bắt đầu bằng `\"` phải kết thúc bằng `\"`: hãy sửa dòng được nêu trong thông báo, hoặc lưu lại bảng từ chương trình bảng tính.",
            ),
            TableTooLarge => (
                "bảng quá lớn",
                "Bảng kết quả chỉ có tối đa số dòng, số cột và dung lượng nêu trong thông báo: hãy nhập kết quả của từng báo cáo một.",
            ),
            NoVersionForNotes => (
                "báo cáo chưa có bản bằng ngôn ngữ của phần ghi chú",
                "Tạo bản dịch của báo cáo trước (`minhbach new report … --lang en`), hoặc nhập phần ghi chú bằng ngôn ngữ khác.",
            ),
            ImportRowProblems => (
                "một số dòng nhập vào có lỗi",
                "Sửa các dòng được liệt kê rồi nhập lại; chưa có gì được ghi.",
            ),
            // MB09: tệp và trang mới.
            TitleHasNoLetters => (
                "tiêu đề không có chữ cái hay chữ số",
                "Đặt tiêu đề có chữ cái hoặc chữ số: tên tệp được tạo từ tiêu đề.",
            ),
            FileExists => (
                "tệp đã tồn tại",
                "Mở và sửa tệp đó, hoặc chọn tiêu đề khác.",
            ),
            IdTaken => (
                "mã đã được một tệp khác sử dụng",
                "Chọn tiêu đề khác: mã (tên tệp) đã được một tệp cùng loại sử dụng.",
            ),
            FolderNotEmpty => (
                "thư mục cho trang mới không trống",
                "Chọn tên thư mục mới, ví dụ `minhbach init trang-moi`.",
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    /// Composed (NFC) text, each title unique, and every `code` span of the English fix
    /// kept verbatim (ids, field names, examples are what the editor types), but for the
    /// two placeholders that are words.
    #[test]
    fn every_code_has_vietnamese_that_keeps_the_english_examples() {
        use unicode_normalization::UnicodeNormalization;
        let mut titles = BTreeSet::new();
        for code in Code::ALL {
            let (title, fix) = code.vi();
            let id = code.id();
            assert!(!title.is_empty() && !fix.is_empty(), "{id}");
            for s in [title, fix] {
                assert_eq!(s.nfc().collect::<String>(), s, "{id} is not NFC");
            }
            assert!(titles.insert(title), "{id}: title used twice");
            assert_ne!(
                code.entry().level.vi(),
                "Lỗi hoặc cảnh báo",
                "{id}: say its case"
            );
            // Placeholders written in Vietnamese: `- mục`, `[chữ](địa chỉ)`.
            let translated = ["- item", "[text](address)"];
            let english = code.entry().fix;
            for (i, span) in english.split('`').enumerate() {
                if i % 2 == 1 && !translated.contains(&span) {
                    assert!(fix.contains(&format!("`{span}`")), "{id} lacks `{span}`");
                }
            }
        }
    }
}
