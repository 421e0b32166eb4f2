"""Word lists the entity rules lean on: titles and ranks, organisation heads, places.

All written for this project. Longer entries are tried first, so "Phó Thủ tướng" wins over
"Thủ tướng". Matching is case-sensitive on the first letter only where noted in entities.py.
"""
from __future__ import annotations

# Military and police ranks. Kept as the person's attribute.
RANKS = [
    "Đại tướng", "Thượng tướng", "Trung tướng", "Thiếu tướng", "Đô đốc", "Phó Đô đốc", "Chuẩn Đô đốc",
    "Đại tá", "Thượng tá", "Trung tá", "Thiếu tá", "Đại úy", "Thượng úy", "Trung úy", "Thiếu úy",
    "Đại uý", "Thượng uý", "Trung uý", "Thiếu uý", "Thượng sĩ", "Trung sĩ", "Hạ sĩ", "Binh nhất", "Binh nhì",
]

# Offices and roles that stand before a name ("Bộ trưởng Phan Văn Giang").
OFFICES = [
    "Tổng Bí thư", "Chủ tịch nước", "Phó Chủ tịch nước", "Chủ tịch Quốc hội", "Phó Chủ tịch Quốc hội",
    "Thủ tướng", "Phó Thủ tướng", "Thủ tướng Chính phủ", "Phó Thủ tướng Chính phủ",
    "Bộ trưởng", "Thứ trưởng", "Thứ trưởng thường trực", "Chủ tịch", "Phó Chủ tịch", "Tổng thống", "Phó Tổng thống",
    "Thủ hiến", "Quốc vương", "Nhà vua", "Hoàng tử", "Công chúa", "Nữ hoàng",
    "Bí thư", "Phó Bí thư", "Bí thư Trung ương Đảng", "Ủy viên Bộ Chính trị",
    "Ủy viên Trung ương Đảng", "Trưởng ban", "Phó Trưởng ban", "Chánh án", "Viện trưởng", "Phó Viện trưởng",
    "Tổng Kiểm toán Nhà nước", "Tổng Thanh tra", "Chánh Văn phòng", "Người phát ngôn", "Phát ngôn viên",
    "Tổng giám đốc", "Phó Tổng giám đốc", "Giám đốc", "Phó Giám đốc", "Tổng Giám đốc", "Phó Tổng Giám đốc",
    "Chủ tịch Hội đồng quản trị", "Chủ tịch HĐQT", "Tổng biên tập", "Phó Tổng biên tập", "Hiệu trưởng", "Phó Hiệu trưởng",
    "Chủ nhiệm", "Phó Chủ nhiệm", "Tư lệnh", "Phó Tư lệnh", "Chính ủy", "Phó Chính ủy", "Tham mưu trưởng",
    "Tổng Tham mưu trưởng", "Cục trưởng", "Phó Cục trưởng", "Vụ trưởng", "Phó Vụ trưởng", "Tổng cục trưởng",
    "Phó Tổng cục trưởng", "Đại sứ", "Tổng Lãnh sự", "Lãnh sự", "Thống đốc", "Phó Thống đốc", "Trưởng phòng",
    "Phó Trưởng phòng", "Trưởng Công an", "Thị trưởng", "Tỉnh trưởng",
    "Ngoại trưởng", "Thượng nghị sĩ", "Hạ nghị sĩ", "Nghị sĩ", "Đại biểu", "Đại biểu Quốc hội", "Huấn luyện viên",
    "HLV", "Đội trưởng", "Trưởng đoàn", "Phó Trưởng đoàn", "Thư ký", "Tổng Thư ký", "Trợ lý",
    "TGĐ", "PTGĐ", "GĐ", "PGĐ", "KTS", "ĐBQH", "LS", "Ths", "Nhà lãnh đạo", "Người phát ngôn", "Ứng cử viên",
    "Giáo sư", "Phó Giáo sư", "Tiến sĩ", "Thạc sĩ", "GS", "PGS", "TS", "ThS", "GS.TS", "PGS.TS", "BS", "BSCKII", "BSCKI",
    "Cố vấn An ninh quốc gia", "Thư ký báo chí", "Phu nhân Tổng thống", "Đệ nhất phu nhân", "Trưởng Công an",
    "Nghệ sĩ Nhân dân", "Nghệ sĩ Ưu tú", "NSND", "NSƯT", "Anh hùng", "Anh hùng Lực lượng vũ trang", "Nhà giáo Nhân dân",
]
# Lower-case role words; they only count right before a capitalised name.
ROLE_WORDS = [
    "ông", "bà", "anh", "chị", "cô", "chú", "em", "cụ", "bé", "cháu", "bác",
    "bác sĩ", "luật sư", "nhà báo", "phóng viên", "nhà văn", "nhà thơ", "nhạc sĩ", "ca sĩ", "diễn viên",
    "cầu thủ", "tiền đạo", "tiền vệ", "hậu vệ", "thủ môn", "võ sĩ", "vận động viên", "VĐV", "kỳ thủ", "tay vợt",
    "đạo diễn", "họa sĩ", "hoạ sĩ", "kiến trúc sư", "kỹ sư", "nhà nghiên cứu", "chuyên gia", "doanh nhân",
    "bị can", "điều dưỡng", "nghệ nhân", "trung vệ", "chiến lược gia", "nhà lãnh đạo", "người phát ngôn",
    "thượng tọa", "hòa thượng", "linh mục", "đồng chí", "thầy", "thầy giáo", "cô giáo", "nữ sinh", "nam sinh",
    "tài xế", "bị cáo", "nghi phạm", "đối tượng", "bệnh nhân", "sản phụ", "nạn nhân", "chủ tịch", "giám đốc",
    "thủ tướng", "tổng thống", "bộ trưởng", "ngoại trưởng", "tỷ phú", "tỉ phú", "người mẫu", "hoa hậu", "á hậu",
    "nữ hoàng", "vua", "tướng", "trung úy", "đại úy", "thiếu tá", "trung tá", "đại tá",
    "người đồng cấp", "đại gia", "danh họa", "danh hoạ", "luật gia", "cố vấn", "phu nhân", "đệ nhất phu nhân",
    "thư ký báo chí", "nhà đàm phán", "nhà sáng lập", "tiền đạo người", "nữ ca sĩ", "nam ca sĩ", "siêu mẫu",
]

# Words that open an organisation name ("Bộ Quốc phòng", "Công ty cổ phần X").
ORG_HEADS = [
    "Bộ", "Tổng cục", "Cục", "Vụ", "Ủy ban", "Uỷ ban", "UBND", "HĐND", "Hội đồng", "Ban", "Văn phòng",
    "Công ty", "Tổng công ty", "Tập đoàn", "Ngân hàng", "Quỹ", "Tổ chức", "Hiệp hội", "Hội", "Liên đoàn",
    "Trường", "Trường Đại học", "Đại học", "Học viện", "Viện", "Bệnh viện", "Trung tâm", "Sở", "Phòng",
    "Công an", "Viện Kiểm sát", "Viện kiểm sát", "Tòa án", "Toà án", "Quân khu", "Quân đoàn", "Quân chủng",
    "TAND", "VKSND", "TANDTC", "VKSNDTC", "CSĐT", "ĐH", "ĐHQG", "CATP", "PC45", "Cơ quan CSĐT", "Cơ quan Cảnh sát điều tra",
    "Binh chủng", "Bộ Tư lệnh", "Quân đội", "Đồn", "Đồn Biên phòng", "Bộ đội Biên phòng", "Điện", "Bộ Chỉ huy", "Sư đoàn", "Lữ đoàn", "Trung đoàn", "Hải đoàn", "Vùng",
    "Đảng", "Đảng bộ", "Tỉnh ủy", "Tỉnh uỷ", "Thành ủy", "Thành uỷ", "Huyện ủy", "Đoàn", "Câu lạc bộ", "CLB",
    "Nhà máy", "Báo", "Tạp chí", "Đài", "Đài Truyền hình", "Thông tấn xã", "Kho bạc", "Kiểm toán", "Thanh tra",
    "Sở Giao dịch", "Cảng vụ", "Quốc hội", "Chính phủ", "Mặt trận", "Liên minh", "Cơ quan", "Hãng", "Giáo hội", "Nhà xuất bản",
    "Thị ủy", "Thị uỷ", "Huyện uỷ", "Quận ủy", "Quận uỷ", "Đảng ủy", "Đảng uỷ", "UBKT", "Ủy ban Kiểm tra", "Bảo tàng",
    "Đại bảo tàng", "Trạm", "Trạm Y tế", "Đội", "Ban Chỉ huy", "Bộ CHQS", "Hiệp Hội", "Nhà hát", "Thư viện", "Tòa soạn",
    "Ban Quản lý", "Ban QLDA", "HTX", "Hợp tác xã", "Phân hiệu", "Chi cục", "Tổng Liên đoàn", "Thông tấn", "Cảng", "Sân bay quốc tế",
]
# Organisations written without a head word (and acronyms).
ORG_NAMES = [
    "Quốc hội", "Chính phủ", "Bộ Chính trị", "Ban Bí thư", "Liên Hợp Quốc", "Liên hợp quốc", "Liên Hiệp Quốc",
    "ASEAN", "NATO", "WHO", "UNESCO", "UNICEF", "IMF", "WTO", "APEC", "EU", "Liên minh châu Âu", "FIFA", "AFF",
    "Ngân hàng Thế giới", "World Bank", "Quân đội nhân dân Việt Nam", "Hải quân", "Không quân", "Cảnh sát biển",
    "Viettel", "Vingroup", "VinFast", "Vinamilk", "Petrolimex", "PVN", "EVN", "Vietnam Airlines", "Vietjet",
    "Vietcombank", "BIDV", "Agribank", "VietinBank", "Techcombank", "VPBank", "MB", "Sacombank", "FPT", "Masan",
    "Hòa Phát", "Hoà Phát", "Samsung", "Apple", "Google", "Meta", "Microsoft", "Amazon", "Toyota", "Honda", "Boeing",
    "Airbus", "Tesla", "Reuters", "AFP", "TTXVN", "VTV", "VOV", "Thông tấn xã Việt Nam", "Mặt trận Tổ quốc Việt Nam",
    "Tòa án nhân dân tối cao", "Viện Kiểm sát nhân dân tối cao", "Kremlin", "Lầu Năm Góc", "Nhà Trắng",
    "MobiFone", "Mobifone", "VinaPhone", "Vinaphone", "VNPT", "Lukoil", "Rosneft", "Gazprom", "Lenovo", "Intel",
    "Facebook", "Bloomberg", "Vietnamnet", "VietNamNet", "VnExpress", "Infonet", "Dân trí", "Tuổi Trẻ", "Thanh Niên",
    "Zing", "Zing.vn", "Kenh14", "Baonghean", "YouTube", "Youtube", "TikTok", "Zalo", "Google", "Twitter", "Instagram", "Yonhap", "Xinhua", "Tân Hoa xã", "CNN", "BBC", "Sputnik", "TASS", "Interfax",
    "Taliban", "Hamas", "Hezbollah", "Vietlott", "Sony", "Huawei", "Xiaomi", "Nokia", "Nissan", "Suzuki",
    "Yamaha", "Hyundai", "Kia", "Ford", "BMW", "Mercedes", "Audi", "Volkswagen", "Rolex", "Nike", "Adidas",
    "Chelsea", "Arsenal", "Liverpool", "Tottenham", "Spurs", "Man City", "Manchester City", "Man Utd", "MU", "M.U",
    "Manchester United", "Leicester", "Leicester City", "Swansea", "Swansea City", "West Ham", "West Ham United",
    "Everton", "Southampton", "Middlesbrough", "Hull City", "Real Madrid", "Barcelona", "Bayern Munich", "Juventus",
    "PSG", "AC Milan", "Inter Milan", "Atletico Madrid", "Dortmund", "HAGL", "SLNA", "Thể Công",
    "Ủy ban Kiểm tra Trung ương", "Thaco", "Sun Group", "Novaland", "Vietnam Post", "Hà Nội FC", "Công an Hà Nội",
    "Volvo", "Mercedes-Benz", "Yahoo", "Alphabet", "Grab", "Uber", "Netflix", "Alibaba", "Tencent", "Baidu", "ByteDance",
    "Nvidia", "Qualcomm", "OpenAI", "SpaceX", "Shell", "ExxonMobil", "Chevron", "Pfizer", "Moderna", "AstraZeneca",
    "Walmart", "Coca-Cola", "PepsiCo", "McDonald's", "Starbucks", "Visa", "Mastercard", "Goldman Sachs", "JPMorgan",
    "Hanwha", "LG", "Lotte", "Foxconn", "Sabeco", "Habeco", "PNJ", "SJC", "DOJI", "HSBC", "Shinhan", "FLC", "Vinacomin",
    "Bảo Việt", "Prudential", "Manulife", "Bkav", "VNG", "Vietravel", "Sovico", "Bamboo Airways", "Vingroup",
    "VTC", "VTC News", "VGP", "PLO", "Người Đưa Tin", "Dân Việt", "VietnamPlus", "Lao Động", "Tiền Phong", "Nhân Dân",
    "Pháp luật TP.HCM", "Sài Gòn Giải Phóng", "VOA", "RFI", "CNBC", "ABC News", "NBC", "CBS", "Fox News",
    "New York Times", "Washington Post", "Guardian", "The Guardian", "Daily Mail", "Mirror", "The Sun", "Nikkei", "Kyodo",
    "AP", "Al Jazeera", "Axios", "Politico", "BizLIVE", "CafeF", "VnEconomy", "Soha", "Znews", "Dân Việt", "Vietnam+",
    "FBI", "CIA", "NASA", "Interpol", "OPEC", "G7", "G20", "BRICS", "NBA", "UEFA", "AFC", "VFF", "IOC", "ADB", "IAEA",
    "Ferrari", "McLaren", "Porsche", "Lamborghini", "Bentley", "Rolls-Royce", "Jaguar", "Land Rover", "Lexus", "Mazda",
    "Mitsubishi", "Subaru", "Peugeot", "Renault", "Fiat", "Chevrolet", "GM", "Isuzu", "BYD", "Geely", "Moody's", "Fitch",
    "S&P", "Standard & Poor's", "Trustbank", "TrustBank", "Eximbank", "SHB", "ACB", "HDBank", "TPBank", "SeABank",
    "Atletico", "Napoli", "Lazio", "AS Roma", "Sevilla", "Villarreal", "Benfica", "Ajax", "Celtic", "Leverkusen",
    "Bayer Leverkusen", "Schalke", "Newcastle", "Newcastle United", "Aston Villa", "Crystal Palace", "Burnley",
    "Watford", "Bournemouth", "Stoke City", "West Brom", "Sunderland", "Man United", "Brighton", "Fulham", "Wolves",
    "Nottingham Forest", "Inter", "Lyon", "Marseille", "Porto", "Galatasaray", "Al Nassr", "Inter Miami",
    "Pentagon", "Điện Kremlin", "Quốc hội Mỹ", "Liên đoàn Bóng đá Việt Nam", "Bộ Quốc phòng", "Bộ Công an",
]

# Capitalised words that continue a name but are not names by themselves ("Quốc phòng").
# Lower-case words allowed inside an organisation name when a capitalised word follows.
ORG_INNER_LOWER = {
    "nhân", "dân", "cổ", "phần", "trách", "nhiệm", "hữu", "hạn", "một", "thành", "viên", "và", "thương", "mại",
    "quốc", "gia", "tối", "cao", "phố", "tỉnh", "thành", "huyện", "quận", "xã", "phường", "thị", "trấn",
    "đầu", "tư", "phát", "triển", "dịch", "vụ", "điều", "tra", "hình", "sự", "xây", "dựng", "sản", "xuất", "tập", "đoàn", "đa", "khoa",
    "trung", "ương", "công", "nghệ", "vận", "tải", "du", "lịch", "bảo", "hiểm", "chứng", "khoán", "tài", "chính",
    "điện", "lực", "xăng", "dầu", "hàng", "không", "giáo", "dục", "đào", "tạo", "y", "tế", "văn", "hóa", "hoá",
    "thể", "thao", "quân", "đội", "cảnh", "sát", "biển", "khoa", "học", "kỹ", "thuật", "nông", "nghiệp", "cộng",
    "sản", "lao", "động", "an", "ninh", "trật", "tự", "giao", "thông", "của", "nhỏ", "vừa", "hoàng", "gia",
    "cấp", "nước", "môi", "trường", "biên", "phòng", "phòng", "chống", "dịch", "bệnh", "truyền", "hình",
}

# Lower-case words that end an organisation's name after its capitalised part ("Cục Cảnh sát
# giao thông", "phòng Kinh tế hạ tầng"): the segmenter's noun test, as a list.
ORG_TAIL_WORDS = frozenset(w.replace("_", " ") for w in """
giao_thông hạ_tầng vận_tải điều_tra hình_sự kinh_tế xã_hội môi_trường đô_thị cơ_động phòng_cháy
chữa_cháy cứu_hỏa cứu_hộ cứu_nạn ma_túy ma_tuý kinh_doanh quản_lý thị_trường thương_mại công_nghệ
thông_tin truyền_thông phát_triển nông_thôn đào_tạo dạy_nghề y_tế dự_phòng kế_hoạch đầu_tư tài_chính
ngân_sách thuế xây_dựng tài_nguyên khoáng_sản năng_lượng thủy_sản lâm_nghiệp nông_nghiệp biên_phòng
quốc_phòng an_ninh trật_tự văn_hóa văn_hoá thể_thao du_lịch giáo_dục lao_động thương_binh nội_vụ
ngoại_giao tư_pháp kiểm_sát nhân_dân tối_cao khoa_học kỹ_thuật đa_khoa nhi nhi_đồng sản_nhi ung_bướu
quân_sự hậu_cần chính_trị tuyên_giáo dân_vận cấp_cao
khí_tượng thủy_văn thuỷ_văn quốc_gia dự_án đường_sắt đường_bộ hàng_hải hàng_không
bưu_chính viễn_thông phát_thanh truyền_hình thông_tấn nhân_quyền thể_dục
""".split())

# Places: provinces and big cities, countries and regions, foreign cities often in the news.
PLACES = [
    "Việt Nam", "Hà Nội", "TP.HCM", "TP HCM", "TP. HCM", "Thành phố Hồ Chí Minh", "TP Hồ Chí Minh", "Sài Gòn",
    "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Huế", "Thừa Thiên Huế", "Quảng Ninh", "Hạ Long", "Nghệ An", "Hà Tĩnh",
    "Thanh Hóa", "Thanh Hoá", "Nam Định", "Ninh Bình", "Thái Bình", "Hưng Yên", "Hải Dương", "Bắc Ninh", "Bắc Giang",
    "Lạng Sơn", "Cao Bằng", "Hà Giang", "Lào Cai", "Yên Bái", "Tuyên Quang", "Thái Nguyên", "Phú Thọ", "Vĩnh Phúc",
    "Sơn La", "Điện Biên", "Lai Châu", "Hòa Bình", "Hoà Bình", "Quảng Bình", "Quảng Trị", "Quảng Nam", "Quảng Ngãi",
    "Bình Định", "Phú Yên", "Khánh Hòa", "Khánh Hoà", "Nha Trang", "Ninh Thuận", "Bình Thuận", "Kon Tum", "Gia Lai",
    "Đắk Lắk", "Đắk Nông", "Lâm Đồng", "Đà Lạt", "Bình Phước", "Tây Ninh", "Bình Dương", "Đồng Nai", "Bà Rịa - Vũng Tàu",
    "Vũng Tàu", "Long An", "Tiền Giang", "Bến Tre", "Trà Vinh", "Vĩnh Long", "Đồng Tháp", "An Giang", "Kiên Giang",
    "Phú Quốc", "Hậu Giang", "Sóc Trăng", "Bạc Liêu", "Cà Mau", "Hà Nam", "Côn Đảo", "Trường Sa", "Hoàng Sa",
    "Biển Đông", "Tây Nguyên", "Đồng bằng sông Cửu Long", "miền Bắc", "miền Trung", "miền Nam", "Mekong",
    "Nga", "Trung Quốc", "Mỹ", "Hoa Kỳ", "Nhật Bản", "Hàn Quốc", "Triều Tiên", "Lào", "Campuchia", "Thái Lan",
    "Singapore", "Malaysia", "Indonesia", "Philippines", "Myanmar", "Ấn Độ", "Pháp", "Đức", "Anh", "Italy", "Ý",
    "Tây Ban Nha", "Ukraine", "Ba Lan", "Australia", "Úc", "Canada", "Brazil", "Argentina", "Israel", "Iran", "Iraq",
    "Ả Rập Xê Út", "Qatar", "UAE", "Thổ Nhĩ Kỳ", "Ai Cập", "Nam Phi", "Cuba", "Mexico", "Chile", "New Zealand",
    "Đài Loan", "Hong Kong", "Hồng Kông", "Belarus", "Kazakhstan", "Mông Cổ", "Bangladesh", "Pakistan", "Phần Lan",
    "Thụy Điển", "Na Uy", "Đan Mạch", "Hà Lan", "Bỉ", "Thụy Sĩ", "Áo", "Séc", "Hungary", "Hy Lạp", "Bồ Đào Nha",
    "châu Âu", "châu Á", "châu Phi", "châu Mỹ", "Đông Nam Á", "Trung Đông", "Bắc Kinh", "Tokyo", "Seoul", "Moskva",
    "Moscow", "Washington", "New York", "Paris", "London", "Berlin", "Bangkok", "Vientiane", "Viêng Chăn",
    "Phnom Penh", "Kiev", "Kyiv", "Jakarta", "Manila", "Kuala Lumpur", "Sydney", "Thượng Hải", "Osaka", "Busan",
    "Sochi", "St. Petersburg", "Vladivostok", "Geneva", "Brussels", "Davos", "Dubai", "Gaza", "Crimea",
    "Hoàn Kiếm", "Ba Đình", "Cầu Giấy", "Đống Đa", "Hai Bà Trưng", "Long Biên", "Thủ Đức", "Gò Vấp", "Bình Thạnh",
    "Tân Bình", "Sơn Trà", "Hội An", "Mỹ Sơn", "Sa Pa", "Mộc Châu", "Cam Ranh", "Nội Bài", "Tân Sơn Nhất", "Long Thành",
    "Nigeria", "Romania", "Bulgaria", "Litva", "Latvia", "Estonia", "Venezuela", "Colombia", "Peru", "Afghanistan",
    "Syria", "Libya", "Yemen", "Jordan", "Lebanon", "Kuwait", "Oman", "Bahrain", "Sudan", "Ethiopia", "Kenya",
    "Nepal", "Sri Lanka", "Brunei", "Đông Timor", "Timor-Leste", "Serbia", "Croatia", "Slovakia", "Slovenia",
    "Ireland", "Scotland", "Xứ Wales", "Iceland", "Georgia", "Armenia", "Azerbaijan", "Uzbekistan", "Kyrgyzstan",
    "Moldova", "Palestine", "Czech", "CH Séc", "Liên Xô", "Kaliningrad", "Tây Âu", "Đông Âu", "Bắc Âu", "Nam Á",
    "Mỹ Latinh", "châu Mỹ Latinh", "Tây Bắc", "Đông Bắc", "Bắc Bộ", "Nam Bộ", "Trung Bộ", "Baltic", "Caribe",
    "Istanbul", "Kabul", "Islamabad", "Tehran", "Baghdad", "Damascus", "Caracas", "Ottawa", "Toronto",
    "Sóc Sơn", "Đông Anh", "Gia Lâm", "Thanh Trì", "Hà Đông", "Sơn Tây", "Ba Vì", "Chương Mỹ",
    "Mỹ Đình", "Hồ Gươm", "Tam Đảo", "Vân Đồn", "Cát Bà",
    "Anh quốc", "Vương quốc Anh", "Bình Nhưỡng", "Mátxcơva", "Somalia", "Cameroon", "Senegal", "Ghana", "Morocco",
    "Algeria", "Tunisia", "Uruguay", "Paraguay", "Ecuador", "Bolivia", "Panama", "Costa Rica", "Guatemala", "Honduras",
    "Haiti", "Jamaica", "Mông Cổ", "Tajikistan", "Turkmenistan", "Lithuania", "Montenegro", "Bosnia", "Albania",
    "Macedonia", "Cyprus", "Malta", "Luxembourg", "Monaco", "Greenland", "Fiji", "Papua New Guinea", "Maldives",
    "California", "Texas", "Florida", "Alaska", "Hawaii", "Michigan", "Ohio", "Virginia", "Washington DC", "Chicago",
    "Los Angeles", "San Francisco", "Boston", "Miami", "Seattle", "Las Vegas", "Houston", "Philadelphia", "Detroit",
    "Quảng Châu", "Thâm Quyến", "Hàng Châu", "Tô Châu", "Nam Ninh", "Quảng Tây", "Vân Nam", "Hải Nam", "Tân Cương",
    "Tây Tạng", "Đài Bắc", "Ma Cao", "Hiroshima", "Nagasaki", "Kyoto", "Incheon", "Pyongyang", "New Delhi", "Mumbai",
    "Rome", "Milan", "Madrid", "Barcelona", "Munich", "Frankfurt", "Vienna", "Prague", "Warsaw", "Budapest", "Athens",
    "Stockholm", "Oslo", "Copenhagen", "Helsinki", "Amsterdam", "Lisbon", "Dublin", "Edinburgh", "Manchester",
    "Liverpool", "Canberra", "Melbourne", "Auckland", "Vancouver", "Montreal", "Rio de Janeiro", "Sao Paulo",
    "Buenos Aires", "Lima", "Bogota", "Santiago", "Havana", "Cairo", "Riyadh", "Doha", "Abu Dhabi", "Jerusalem",
    "Tel Aviv", "Beirut", "Ankara", "Minsk", "Donetsk", "Luhansk", "Kharkiv", "Odessa", "Zaporizhzhia", "Kursk",
    "Yangon", "Naypyidaw", "Siem Reap", "Luang Prabang", "Penang", "Bali", "Cebu", "Davao",
    "Trường Sơn", "Côn Sơn", "Phong Nha", "Hà Giang", "Mù Cang Chải", "Tràng An", "Cửa Lò", "Sầm Sơn", "Mũi Né",
]
# Lower-case words that open a place name ("tỉnh Nghệ An", "xã Tân Lập").
PLACE_HEADS = [
    "tỉnh", "thành phố", "TP", "TP.", "huyện", "quận", "thị xã", "thị trấn", "xã", "phường", "thôn", "bản", "ấp",
    "làng", "đảo", "quần đảo", "sông", "núi", "đèo", "vịnh", "hồ", "biển", "cảng", "sân bay", "đường", "phố",
    "khu công nghiệp", "Khu công nghiệp", "bang", "vùng", "thủ đô", "cửa khẩu", "đặc khu", "Tỉnh", "Thành phố", "Huyện",
    "Quận", "Xã", "Phường", "Thị xã", "chợ", "cầu", "quảng trường", "chùa", "đền", "bến", "bãi biển", "hang", "cao nguyên",
    # streets, crossings and stops named after people are places: "đường Nguyễn Trãi", "ngã tư Dầu Giây"
    "Đường", "Phố", "hẻm", "ngõ", "ngách", "ngã tư", "ngã ba", "ngã năm", "nhà chờ", "trạm", "địa phận", "khu vực",
    "Đảo", "Dải", "Sông", "Hồ", "Núi", "Cầu vượt", "cầu vượt", "sân", "sân vận động", "thị trấn",
    "Quốc lộ", "Tỉnh lộ", "đại lộ", "Đại lộ", "chung cư", "khu đô thị", "tòa nhà", "toà nhà", "Quảng trường", "dãy",
]
