"""Vietnamese family names: a capitalised run that starts with one is most likely a person."""
SURNAMES = frozenset("""
Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Lương Đinh Trịnh Đào Mai Cao
Lâm Tô Trương Tạ Chu Kiều Đoàn Vương Quách Lưu Tăng Triệu Phùng Đàm Thân Lại Tống Nông Lục Hứa
Khúc Nghiêm Tôn Âu Mạc Ông Diệp Doãn Lò Vi Hầu Thạch Bạch Tiêu Khổng Lã Lữ Trình Mẫn Phí Hàn Kha
Lạc Nhữ Thiều Viên Giáp Cù Đồng Quan Hà Thái Văn Từ Giang La Châu Kim Ninh Quang Triệu Tiền Sầm Ưng
""".split())

# Acronyms that look like organisation names but are units, currencies or terms.
NOT_ORG_ACRONYMS = frozenset("""
GDP USD VND VNĐ EUR COVID SARS AI CEO CFO CTO GPS ATM SMS TV PC IT HIV AIDS CPI FDI ODA PPP BOT BT
ĐBSCL THPT THCS GS PGS TS ThS TP HCM TPHCM UAV LNG LPG EV SUV PR VIP MC DJ BS CSGT CLB HLV VĐV TNHH
SN PV HĐXX BLHS BLDS BLTTHS HĐQT HĐTV BKS CPU GPU ECU GB MB TB RAM ROM DC AC LED LCD USB ATGT LNST LNTT
BLĐ CĐV ĐT QL TL KTS TGĐ PTGĐ GĐ PGĐ CT PCT ĐBQH UV NSND NSƯT BTC BQL THCS CNTT KCN KĐT CMND CCCD GPLX
OTP ID SIM NFT CAD JPY CNY KRW THB RON DO FO ICU CT PET MRI ADN DNA KDC KCX CSCĐ CSHS BCTC NDT TTCK BHYT
QLDA SEA PGD CSKT ĐKVĐ BTV NXB KVPT
""".split())

# Generic acronyms: an organisation only when a name follows ("BHXH Việt Nam", "MTTQ Việt Nam");
# alone they name a kind of thing ("chính sách BHXH", "các đoàn thể, MTTQ").
GENERIC_ACRONYMS = frozenset("BHXH MTTQ CSĐT ĐH".split())

# Unknown title abbreviations written before a name; never organisations.
TITLE_ABBREVIATIONS = ("TGĐ", "PTGĐ", "GĐ", "PGĐ", "KTS", "ĐBQH", "Bs", "Ths", "Ts", "LS", "NSƯT", "NSND")
