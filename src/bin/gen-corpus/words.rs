//! Parallel word lists: each entry is (Vietnamese, English) and the two say the same
//! thing, so a sentence built from the same picks is a translation pair. Administrative
//! vocabulary of a provincial finance department, with diacritics (and many `đ`).

/// (Vietnamese, English).
pub type Pair = (&'static str, &'static str);

pub const SUBJECTS: &[Pair] = &[
    (
        "cán bộ, công chức trong đơn vị",
        "civil servants of the unit",
    ),
    ("Ban Giám đốc Sở", "the Department's Board of Directors"),
    ("các phòng chuyên môn", "the specialised divisions"),
    ("Công đoàn cơ sở", "the grassroots trade union"),
    ("Đoàn Thanh niên", "the Youth Union"),
    ("người lao động", "the employees"),
    (
        "Hội đồng Thi đua - Khen thưởng",
        "the Emulation and Commendation Council",
    ),
    ("Văn phòng Sở", "the Department Office"),
    ("các đơn vị trực thuộc", "the affiliated units"),
    ("tổ công tác liên ngành", "the inter-agency working group"),
    ("đội ngũ kế toán", "the accounting staff"),
    ("lãnh đạo các phòng", "the heads of divisions"),
    ("Đảng ủy cơ quan", "the agency's Party committee"),
    ("Chi hội Phụ nữ", "the Women's Union branch"),
    ("bộ phận một cửa", "the one-stop desk"),
    ("các xã, phường, thị trấn", "the communes, wards and towns"),
];

/// (Vietnamese, English past tense, English base form).
pub const VERBS: &[(&str, &str, &str)] = &[
    ("đẩy mạnh", "stepped up", "step up"),
    ("triển khai", "rolled out", "roll out"),
    ("hoàn thành", "completed", "complete"),
    ("tăng cường", "strengthened", "strengthen"),
    ("rà soát", "reviewed", "review"),
    ("đánh giá", "assessed", "assess"),
    ("thực hiện", "carried out", "carry out"),
    ("tổ chức", "organised", "organise"),
    ("hướng dẫn", "gave guidance on", "give guidance on"),
    ("theo dõi", "monitored", "monitor"),
    ("đôn đốc", "pressed ahead with", "press ahead with"),
    ("cải thiện", "improved", "improve"),
    (
        "phối hợp thực hiện",
        "jointly implemented",
        "jointly implement",
    ),
    (
        "đề xuất sửa đổi",
        "proposed changes to",
        "propose changes to",
    ),
    ("công khai", "published", "publish"),
    ("kiểm tra", "inspected", "inspect"),
    ("đổi mới", "renewed", "renew"),
    ("xây dựng", "built up", "build up"),
    ("nhân rộng", "replicated", "replicate"),
    (
        "chủ động triển khai",
        "took the lead on",
        "take the lead on",
    ),
    ("tổng kết", "summed up", "sum up"),
    ("quán triệt", "briefed everyone on", "brief everyone on"),
];

pub const OBJECTS: &[Pair] = &[
    (
        "công tác thi đua, khen thưởng",
        "emulation and commendation work",
    ),
    ("cải cách hành chính", "administrative reform"),
    ("dự toán ngân sách nhà nước", "the state budget estimate"),
    (
        "quyết toán vốn đầu tư công",
        "the settlement of public investment capital",
    ),
    (
        "chuyển đổi số trong cơ quan",
        "digital transformation in the agency",
    ),
    (
        "dịch vụ công trực tuyến toàn trình",
        "fully online public services",
    ),
    (
        "thực hành tiết kiệm, chống lãng phí",
        "thrift and anti-waste practices",
    ),
    (
        "quản lý giá và tài sản công",
        "the management of prices and public assets",
    ),
    ("hồ sơ thẩm định giá", "price appraisal files"),
    ("văn hóa công sở", "workplace culture"),
    (
        "phong trào xây dựng nông thôn mới",
        "the new rural development movement",
    ),
    ("chế độ báo cáo định kỳ", "the periodic reporting regime"),
    (
        "công tác đào tạo, bồi dưỡng",
        "training and professional development",
    ),
    (
        "phòng, chống tham nhũng, tiêu cực",
        "the fight against corruption and misconduct",
    ),
    (
        "hệ thống quản lý chất lượng",
        "the quality management system",
    ),
    (
        "chữ ký số và văn bản điện tử",
        "digital signatures and electronic documents",
    ),
    ("nguồn thu ngân sách địa phương", "local budget revenue"),
    ("đường giao thông nông thôn", "rural roads"),
    (
        "các chương trình mục tiêu quốc gia",
        "the national target programmes",
    ),
    (
        "kế hoạch đầu tư công trung hạn",
        "the medium-term public investment plan",
    ),
    (
        "quỹ đền ơn đáp nghĩa",
        "the fund for gratitude to war veterans",
    ),
    ("công tác dân vận", "mass mobilisation work"),
    ("an toàn, an ninh mạng", "cyber safety and security"),
    ("quy chế dân chủ ở cơ sở", "grassroots democracy rules"),
];

pub const MANNERS: &[Pair] = &[
    (
        "một cách đồng bộ và hiệu quả",
        "in a coordinated and effective way",
    ),
    ("đúng tiến độ đề ra", "on the planned schedule"),
    ("trên địa bàn tỉnh Tây Ninh", "across Tây Ninh province"),
    (
        "theo đúng quy định hiện hành",
        "in line with current regulations",
    ),
    (
        "với sự đồng thuận của tập thể",
        "with the agreement of the whole staff",
    ),
    (
        "gắn với nhiệm vụ chính trị của đơn vị",
        "in step with the unit's political tasks",
    ),
    (
        "nhằm nâng cao chất lượng phục vụ người dân",
        "to improve the service to citizens",
    ),
    (
        "bảo đảm công khai, minh bạch",
        "ensuring openness and transparency",
    ),
    ("vượt chỉ tiêu được giao", "beyond the assigned target"),
    (
        "dưới sự chỉ đạo của Đảng ủy",
        "under the direction of the Party committee",
    ),
    ("ở tất cả các phòng, đơn vị", "in every division and unit"),
    (
        "trong điều kiện còn nhiều khó khăn",
        "despite many difficulties",
    ),
    (
        "với tinh thần trách nhiệm cao",
        "with a strong sense of responsibility",
    ),
];

pub const CONNECTORS: &[Pair] = &[
    ("Bên cạnh đó,", "In addition,"),
    ("Đồng thời,", "At the same time,"),
    ("Qua đó,", "As a result,"),
    ("Trong kỳ,", "During the period,"),
    ("Nhìn chung,", "Overall,"),
    ("Ngoài ra,", "Besides,"),
    ("Đáng chú ý,", "Notably,"),
    ("Tuy nhiên,", "However,"),
];

pub const COUNTABLES: &[Pair] = &[
    ("hồ sơ", "files"),
    ("văn bản", "documents"),
    ("lượt tư vấn", "consultations"),
    ("cuộc kiểm tra", "inspections"),
    ("sáng kiến", "initiatives"),
    ("buổi tập huấn", "training sessions"),
    ("đề tài khoa học", "research topics"),
    ("công trình", "works"),
];

pub const PLACES: &[Pair] = &[
    ("thành phố Tây Ninh", "Tây Ninh city"),
    ("thị xã Hòa Thành", "Hòa Thành town"),
    ("thị xã Trảng Bàng", "Trảng Bàng town"),
    ("huyện Gò Dầu", "Gò Dầu district"),
    ("huyện Bến Cầu", "Bến Cầu district"),
    ("huyện Châu Thành", "Châu Thành district"),
    ("huyện Dương Minh Châu", "Dương Minh Châu district"),
    ("huyện Tân Biên", "Tân Biên district"),
    ("huyện Tân Châu", "Tân Châu district"),
    ("xã Tân Đông", "Tân Đông commune"),
    ("xã Suối Đá", "Suối Đá commune"),
    ("xã Phước Minh", "Phước Minh commune"),
    ("xã Thạnh Đức", "Thạnh Đức commune"),
    ("xã Long Thuận", "Long Thuận commune"),
    ("xã Hảo Đước", "Hảo Đước commune"),
    ("xã Ninh Điền", "Ninh Điền commune"),
    ("xã Biên Giới", "Biên Giới commune"),
    ("xã Trà Vong", "Trà Vong commune"),
    ("xã Đôn Thuận", "Đôn Thuận commune"),
    ("xã Lộc Hưng", "Lộc Hưng commune"),
    ("xã Truông Mít", "Truông Mít commune"),
    ("xã Bàu Năng", "Bàu Năng commune"),
    ("xã Phước Vinh", "Phước Vinh commune"),
    ("xã Mỏ Công", "Mỏ Công commune"),
    ("xã Suối Ngô", "Suối Ngô commune"),
];

pub const HEADINGS: &[Pair] = &[
    ("Mục đích, yêu cầu", "Purpose and requirements"),
    ("Kết quả đạt được", "Results achieved"),
    ("Tồn tại, hạn chế", "Shortcomings and limitations"),
    ("Nguyên nhân", "Causes"),
    ("Phương hướng, nhiệm vụ", "Directions and tasks"),
    ("Tổ chức thực hiện", "Implementation"),
    ("Đề xuất, kiến nghị", "Proposals and recommendations"),
    ("Bài học kinh nghiệm", "Lessons learned"),
    ("Nội dung trọng tâm", "Key content"),
    ("Thành tích nổi bật", "Outstanding achievements"),
    ("Đánh giá chung", "General assessment"),
    ("Giải pháp thực hiện", "Measures"),
];

/// (indicator Vietnamese, English, unit Vietnamese, English, is a percentage).
pub const INDICATORS: &[(&str, &str, &str, &str, bool)] = &[
    (
        "Tỷ lệ hồ sơ giải quyết đúng hạn",
        "Share of files settled on time",
        "%",
        "%",
        true,
    ),
    (
        "Số hồ sơ thẩm tra quyết toán",
        "Settlement files verified",
        "hồ sơ",
        "files",
        false,
    ),
    (
        "Số sáng kiến được công nhận",
        "Recognised initiatives",
        "sáng kiến",
        "initiatives",
        false,
    ),
    (
        "Giá trị tiết kiệm chi thường xuyên",
        "Savings in recurrent spending",
        "triệu đồng",
        "million VND",
        false,
    ),
    (
        "Tỷ lệ văn bản điện tử có chữ ký số",
        "Share of electronic documents with digital signatures",
        "%",
        "%",
        true,
    ),
    (
        "Số lượt cán bộ được tập huấn",
        "Staff training attendances",
        "lượt",
        "attendances",
        false,
    ),
    (
        "Tỷ lệ giải ngân vốn đầu tư công",
        "Public investment disbursement rate",
        "%",
        "%",
        true,
    ),
    (
        "Số tiền ủng hộ quỹ vì người nghèo",
        "Donations to the fund for the poor",
        "triệu đồng",
        "million VND",
        false,
    ),
    (
        "Số cuộc thanh tra, kiểm tra",
        "Inspections and audits",
        "cuộc",
        "inspections",
        false,
    ),
    (
        "Tỷ lệ dịch vụ công trực tuyến toàn trình",
        "Share of fully online public services",
        "%",
        "%",
        true,
    ),
    (
        "Số km đường giao thông nông thôn được hỗ trợ",
        "Kilometres of rural road supported",
        "km",
        "km",
        false,
    ),
    (
        "Số hộ nghèo được hỗ trợ",
        "Poor households supported",
        "hộ",
        "households",
        false,
    ),
    (
        "Tỷ lệ công chức đăng ký thi đua",
        "Share of civil servants signed up for emulation",
        "%",
        "%",
        true,
    ),
];

pub const TABLE_HEAD: [Pair; 5] = [
    ("Chỉ tiêu", "Indicator"),
    ("Đơn vị tính", "Unit"),
    ("Kế hoạch", "Target"),
    ("Thực hiện", "Actual"),
    ("Tỷ lệ", "Rate"),
];

pub const LINK_SENTENCES: &[Pair] = &[
    ("Nội dung này gắn với {}.", "This work is linked to {}."),
    (
        "Kết quả cụ thể được nêu tại {}.",
        "Detailed results are given in {}.",
    ),
    ("Xem thêm {} để biết chi tiết.", "See {} for details."),
    (
        "Căn cứ {}, đơn vị đã điều chỉnh kế hoạch.",
        "On the basis of {}, the unit adjusted its plan.",
    ),
    (
        "Kinh nghiệm từ {} được phổ biến rộng rãi.",
        "The experience of {} was widely shared.",
    ),
];

pub const SEE_ALSO: Pair = ("Xem thêm:", "See also:");

pub const CAMPAIGN_THEMES: &[Pair] = &[
    (
        "Tây Ninh chung sức xây dựng nông thôn mới",
        "Tây Ninh joins hands to build new rural areas",
    ),
    ("Chung tay vì người nghèo", "Hand in hand for the poor"),
    (
        "Cán bộ, công chức thi đua thực hiện văn hóa công sở",
        "Civil servants emulate workplace culture",
    ),
    (
        "Đoàn kết, sáng tạo, nâng cao năng suất",
        "Unity, creativity and higher productivity",
    ),
    (
        "Chuyển đổi số vì người dân",
        "Digital transformation for citizens",
    ),
    (
        "Cải cách hành chính, phục vụ doanh nghiệp",
        "Administrative reform serving businesses",
    ),
    (
        "Thực hành tiết kiệm, chống lãng phí",
        "Practising thrift and fighting waste",
    ),
    ("Dân vận khéo", "Skilful mass mobilisation"),
    ("Đô thị văn minh", "Civilised urban areas"),
    (
        "Doanh nghiệp hội nhập và phát triển",
        "Businesses integrating and growing",
    ),
    (
        "Bảo vệ quyền lợi người tiêu dùng",
        "Protecting consumer rights",
    ),
    (
        "Quản lý tài sản công hiệu quả",
        "Effective management of public assets",
    ),
    (
        "Công khai, minh bạch ngân sách",
        "Open and transparent budgets",
    ),
    ("Phòng, chống dịch bệnh", "Preventing epidemics"),
    (
        "Toàn dân bảo vệ an ninh Tổ quốc",
        "All people protect national security",
    ),
    ("Vì an ninh biên giới", "For border security"),
    ("Xây dựng đời sống văn hóa", "Building cultural life"),
    (
        "Học tập và làm theo tư tưởng Hồ Chí Minh",
        "Studying and following Hồ Chí Minh's thought",
    ),
    ("Thi đua quyết thắng", "Emulating to win"),
    (
        "Phụ nữ tích cực học tập, lao động sáng tạo",
        "Women learning actively and working creatively",
    ),
    ("Tuổi trẻ sáng tạo", "Creative youth"),
    (
        "Kỷ cương, trách nhiệm, hiệu quả",
        "Discipline, responsibility, efficiency",
    ),
    ("Đảm bảo thu ngân sách", "Securing budget revenue"),
    (
        "Đẩy nhanh giải ngân vốn đầu tư công",
        "Speeding up public investment disbursement",
    ),
];

/// Field names; no two fold to the same slug.
pub const FIELDS: &[Pair] = &[
    ("Kinh tế - xã hội", "Socio-economic development"),
    ("Nông thôn mới", "New rural development"),
    ("Cải cách hành chính", "Administrative reform"),
    ("Chuyển đổi số", "Digital transformation"),
    ("Ngân sách nhà nước", "State budget"),
    ("Đầu tư công", "Public investment"),
    ("Tài sản công", "Public assets"),
    ("Quản lý giá", "Price management"),
    ("An sinh xã hội", "Social welfare"),
    ("Quốc phòng - an ninh", "Defence and security"),
    ("Văn hóa công sở", "Workplace culture"),
    ("Phòng, chống tham nhũng", "Anti-corruption"),
    ("Doanh nghiệp", "Enterprises"),
    ("Y tế", "Health"),
    ("Giáo dục", "Education"),
    ("Môi trường", "Environment"),
    ("Đô thị", "Urban development"),
    ("Công đoàn", "Trade union"),
    ("Thanh niên", "Youth"),
    ("Phụ nữ", "Women"),
];

/// (id, Vietnamese name, English name).
pub const UNITS: &[(&str, &str, &str)] = &[
    ("van-phong", "Văn phòng Sở", "Department Office"),
    ("thanh-tra", "Thanh tra Sở", "Department Inspectorate"),
    (
        "phong-quan-ly-ngan-sach",
        "Phòng Quản lý ngân sách",
        "Budget Management Division",
    ),
    (
        "phong-tin-hoc-thong-ke",
        "Phòng Tin học - Thống kê",
        "Informatics and Statistics Division",
    ),
    (
        "phong-tai-chinh-doanh-nghiep",
        "Phòng Tài chính doanh nghiệp",
        "Enterprise Finance Division",
    ),
    (
        "phong-quan-ly-gia-cong-san",
        "Phòng Quản lý giá - Công sản",
        "Prices and Public Assets Division",
    ),
    (
        "phong-tai-chinh-dau-tu",
        "Phòng Tài chính đầu tư",
        "Investment Finance Division",
    ),
    (
        "phong-tai-chinh-hanh-chinh-su-nghiep",
        "Phòng Tài chính hành chính sự nghiệp",
        "Administrative Finance Division",
    ),
    (
        "trung-tam-dich-vu-tai-chinh",
        "Trung tâm Dịch vụ tài chính công",
        "Public Finance Services Centre",
    ),
    (
        "cong-doan-co-so",
        "Công đoàn cơ sở Sở Tài chính",
        "Department Trade Union",
    ),
    (
        "doan-thanh-nien",
        "Chi đoàn Sở Tài chính",
        "Department Youth Union",
    ),
    (
        "chi-hoi-phu-nu",
        "Chi hội Phụ nữ Sở Tài chính",
        "Department Women's Union",
    ),
];

pub const SURNAMES: &[&str] = &[
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
    "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Trương",
];
pub const MIDDLE_MALE: &[&str] = &["Văn", "Hữu", "Đức", "Minh", "Quốc", "Thanh", "Công", "Đình"];
pub const MIDDLE_FEMALE: &[&str] = &["Thị", "Ngọc", "Thu", "Kim", "Mỹ", "Thanh", "Diệu"];
pub const GIVEN_MALE: &[&str] = &[
    "An", "Bình", "Cường", "Dũng", "Đạt", "Hải", "Hùng", "Khoa", "Long", "Minh", "Nam", "Phúc",
    "Quang", "Sơn", "Tâm", "Thắng", "Tuấn", "Việt", "Đông", "Lộc",
];
pub const GIVEN_FEMALE: &[&str] = &[
    "Anh", "Châu", "Diệu", "Giang", "Hà", "Hạnh", "Hoa", "Hương", "Lan", "Linh", "Mai", "Nga",
    "Ngân", "Oanh", "Phương", "Thảo", "Trang", "Vy", "Yến", "Đào",
];

pub const AWARDS_INDIVIDUAL: &[Pair] = &[
    (
        "Giấy khen của Giám đốc Sở Tài chính",
        "Certificate of merit from the Director of the Department of Finance",
    ),
    (
        "Bằng khen của Chủ tịch UBND tỉnh",
        "Certificate of merit from the Chairman of the Provincial People's Committee",
    ),
    (
        "Danh hiệu Chiến sĩ thi đua cơ sở",
        "Title of Grassroots Emulation Fighter",
    ),
    ("Danh hiệu Lao động tiên tiến", "Title of Advanced Worker"),
    (
        "Bằng khen của Bộ trưởng Bộ Tài chính",
        "Certificate of merit from the Minister of Finance",
    ),
];
pub const AWARDS_COLLECTIVE: &[Pair] = &[
    (
        "Danh hiệu Tập thể lao động tiên tiến",
        "Title of Advanced Labour Collective",
    ),
    (
        "Danh hiệu Tập thể lao động xuất sắc",
        "Title of Excellent Labour Collective",
    ),
    (
        "Cờ thi đua của UBND tỉnh",
        "Emulation flag of the Provincial People's Committee",
    ),
    (
        "Giấy khen của Giám đốc Sở Tài chính",
        "Certificate of merit from the Director of the Department of Finance",
    ),
];

/// (kind id as minhbach knows it, Vietnamese label, English label, symbol in numbers).
pub const DOC_KINDS: &[(&str, &str, &str, &str)] = &[
    ("chi-thi", "Chỉ thị", "Directive", "CT"),
    ("nghi-quyet", "Nghị quyết", "Resolution", "NQ"),
    ("ke-hoach", "Kế hoạch", "Plan", "KH"),
    ("quyet-dinh", "Quyết định", "Decision", "QĐ"),
    ("nghi-dinh", "Nghị định", "Decree", "NĐ"),
    ("thong-tu", "Thông tư", "Circular", "TT"),
    ("luat", "Luật", "Law", "QH"),
    ("cong-van", "Công văn", "Official letter", "CV"),
    ("de-an", "Đề án", "Scheme", "ĐA"),
    ("bao-cao", "Báo cáo", "Report", "BC"),
    ("thong-bao", "Thông báo", "Notice", "TB"),
    ("huong-dan", "Hướng dẫn", "Guidance", "HD"),
];

/// (Vietnamese, English, symbol in numbers).
pub const ISSUERS: &[(&str, &str, &str)] = &[
    (
        "Ủy ban nhân dân tỉnh Tây Ninh",
        "Tây Ninh Provincial People's Committee",
        "UBND",
    ),
    (
        "Hội đồng nhân dân tỉnh Tây Ninh",
        "Tây Ninh Provincial People's Council",
        "HĐND",
    ),
    (
        "Tỉnh ủy Tây Ninh",
        "Tây Ninh Provincial Party Committee",
        "TU",
    ),
    ("Bộ Tài chính", "Ministry of Finance", "BTC"),
    ("Chính phủ", "Government", "CP"),
    (
        "Sở Tài chính tỉnh Tây Ninh",
        "Tây Ninh Department of Finance",
        "STC",
    ),
    (
        "Ban Thi đua - Khen thưởng Trung ương",
        "Central Emulation and Commendation Board",
        "BTĐKT",
    ),
    ("Quốc hội", "National Assembly", "QH"),
];

pub const DOC_SUBJECTS: &[Pair] = &[
    ("Về việc triển khai", "On implementing"),
    ("Về tăng cường", "On strengthening"),
    ("Ban hành quy chế về", "Issuing the rules on"),
    ("Hướng dẫn thực hiện", "Guidance on"),
    ("Phê duyệt kế hoạch về", "Approving the plan for"),
    ("Về phát động thi đua về", "Launching emulation in"),
];

pub const PAGE_TOPICS: &[Pair] = &[
    ("Hỏi đáp về", "Questions about"),
    ("Hướng dẫn về", "A guide to"),
    ("Thông tin về", "Information on"),
    ("Số liệu về", "Figures on"),
];

pub const REPORT_RECIPIENT: Pair = (
    "UBND tỉnh (thông qua Ban Thi đua - Khen thưởng, Sở Nội vụ)",
    "Provincial People's Committee (through the Emulation and Commendation Board, Department of Home Affairs)",
);
