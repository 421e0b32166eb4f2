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

# Common words that open sentences: alone at a sentence start (the capital is the sentence's,
# not a name's) they are never entities, so the learned tagger skips them.
SENTENCE_WORDS = frozenset(w.lower() for w in """
Trong Theo Sau Tuy Ảnh Các Một Trước Khi Tôi Tại Hiện Đây Ngày Không Đến Những Từ Ngoài Với Điều Nếu Do Chúng Ngay
Người Nhiều Qua Liên Vụ Nguồn Nhưng Kết Lúc Cụ Vì Bắt Việc Dù Năm Được Để Sự Và Về Có Vào Bên Hai Đó Thời Quá Sáng
Trên Con Phát Đối Ở Mặc Nhà Cùng Thứ Mỗi Nghi Chính Cũng Dự Bị Thông Họ Nhận Tiếp Mọi Cả Khoảng Nạn Chỉ Bởi Thế Như
Còn Tất Nó Đặc Bất Hành Giờ Lực Lệnh Chiều Bản Nguyên Thấy Xem Tình Thực Hàng Hình Nhờ Hệ Bước Nói Chiếc Chưa Nhóm
Khởi Cuộc Chiến Kể Riêng Cách Toàn Xác Nữ Là Động Tên Bằng Đáng Cho Tối Tập Bức Số Phần Mới Hoàn Vậy Giới Loại Điểm
Cuối Đang Nhìn Gần Trưa Lời Thay So Giá Trả Hôm Khác Tương Tháng Bàn Giữa Hơn Hỗ Yêu Thậm Làm Tính Nghe Truy Cáo Hắn
Dưới Bạn Rõ Vấn Cái Phiên Bài Khách Biết Cần Mấy Rất Đơn Xét Đi Tội Vừa Căn Máy Hoạt Vốn Phải Mức Đầu Hay Bây Quyết
Dường Mối Cảm Hãy Buổi Nước Chẳng Địa Lãnh Giải Quản Trận Thật Chứng Cú Mua Tóm Nên Lần Đằng Đêm Ngành Tác Mục Dấu
Lợi Cứ Đoạn Cây Học Từng Chắc Bọn Mong Ghi Mưa Lượng Chia Đẩy Thêm Thiết Trao Tiết Sẽ Mùa Cặp Vài Xuất Mặt Tuần Sắp
Xử Hầu Nghĩ Khám Hết Trải Thử Tới Đáp Sức Hoặc Dựa Chuyến Ra Mẹ Đôi Lòng Nhiệm Niềm Chuyên Vẻ Hồi Nay Ai Gì Sao
Đã Nhưng Song Mà Rồi Lại Hãy Đừng Chớ Chính Dẫu Giả Hễ Miễn Ngoài Nhìn Vẫn Luôn Thường Đôi Hầu Hầu Hết Tiếp Cuối
""".split())
