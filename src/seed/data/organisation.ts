/**
 * The invented province of the demo: "Tỉnh Sơn Hà", which absorbed the former
 * "Tỉnh Lam Giang" on 1 July 2025 when district level was abolished. Every
 * name, number and person here is made up.
 */

export type KindCode =
  | 'province'
  | 'district'
  | 'commune'
  | 'agency'
  | 'mass-org'
  | 'armed-force'
  | 'party-committee';

/** The levels that review and recognise models. */
export type LevelCode = Extract<KindCode, 'province' | 'district' | 'commune'>;

export type UnitKindSeed = { code: KindCode; name: string; canReview: boolean; tier: number; description: string };

export const UNIT_KINDS: UnitKindSeed[] = [
  { code: 'province', name: 'Cấp tỉnh', canReview: true, tier: 1, description: 'Cấp tỉnh (sau 01/7/2025 là cấp trên trực tiếp của cấp xã).' },
  { code: 'district', name: 'Cấp huyện', canReview: true, tier: 2, description: 'Huyện, thị xã, thành phố thuộc tỉnh; chấm dứt hoạt động từ 01/7/2025.' },
  { code: 'commune', name: 'Cấp xã', canReview: true, tier: 3, description: 'Xã, phường, thị trấn, đặc khu.' },
  { code: 'agency', name: 'Cơ quan, sở, ngành', canReview: false, tier: 2, description: 'Cơ quan chuyên môn, sở, ban, ngành cấp tỉnh.' },
  { code: 'mass-org', name: 'Mặt trận Tổ quốc và đoàn thể', canReview: false, tier: 2, description: 'Ủy ban Mặt trận Tổ quốc và các tổ chức chính trị - xã hội.' },
  { code: 'armed-force', name: 'Lực lượng vũ trang', canReview: false, tier: 2, description: 'Công an, quân sự, biên phòng.' },
  { code: 'party-committee', name: 'Đảng bộ khối', canReview: false, tier: 2, description: 'Đảng bộ các cơ quan, doanh nghiệp trực thuộc Tỉnh ủy.' },
];

export type UnitSeed = {
  code: string;
  name: string;
  shortName: string;
  kind: KindCode;
  /** Code of the parent unit (must appear earlier in the table). */
  parent?: string;
  /** Code of the unit this one was merged into (must appear earlier in the table). */
  successor?: string;
  validFrom?: string;
  validTo?: string;
  note?: string;
};

const MERGE_DAY_BEFORE = '2025-06-30';
const MERGE_DAY = '2025-07-01';

/**
 * Ordered so that every parent and successor comes before the units that
 * point to it: the province, the absorbed province, the old districts, the new
 * communes, the old communes, then provincial bodies.
 */
export const UNITS: UnitSeed[] = [
  { code: 'SH', name: 'Tỉnh Sơn Hà', shortName: 'Sơn Hà', kind: 'province', note: 'Từ 01/7/2025 gồm cả địa giới tỉnh Lam Giang cũ.' },
  {
    code: 'LG',
    name: 'Tỉnh Lam Giang (cũ)',
    shortName: 'Lam Giang',
    kind: 'province',
    validTo: MERGE_DAY_BEFORE,
    successor: 'SH',
    note: 'Hợp nhất vào tỉnh Sơn Hà từ 01/7/2025.',
  },

  // Pre-2025 district level.
  { code: 'SH-H01', name: 'Thành phố Sơn Hà', shortName: 'TP. Sơn Hà', kind: 'district', parent: 'SH', successor: 'SH', validTo: MERGE_DAY_BEFORE },
  { code: 'SH-H02', name: 'Huyện An Thịnh', shortName: 'An Thịnh', kind: 'district', parent: 'SH', successor: 'SH', validTo: MERGE_DAY_BEFORE },
  { code: 'SH-H03', name: 'Huyện Hòa Lạc', shortName: 'Hòa Lạc', kind: 'district', parent: 'SH', successor: 'SH', validTo: MERGE_DAY_BEFORE },

  // Communes and wards formed on 1 July 2025 (two-tier local government).
  { code: 'SH-X101', name: 'Phường Sơn Hà', shortName: 'P. Sơn Hà', kind: 'commune', parent: 'SH', validFrom: MERGE_DAY },
  { code: 'SH-X102', name: 'Phường Hồng Phong', shortName: 'P. Hồng Phong', kind: 'commune', parent: 'SH', validFrom: MERGE_DAY },
  { code: 'SH-X103', name: 'Xã An Thịnh', shortName: 'X. An Thịnh', kind: 'commune', parent: 'SH', validFrom: MERGE_DAY },
  { code: 'SH-X104', name: 'Xã Tân Lập', shortName: 'X. Tân Lập', kind: 'commune', parent: 'SH', validFrom: MERGE_DAY },
  { code: 'SH-X105', name: 'Xã Hòa Lạc', shortName: 'X. Hòa Lạc', kind: 'commune', parent: 'SH', validFrom: MERGE_DAY },
  { code: 'SH-X106', name: 'Xã Khuổi Lặng', shortName: 'X. Khuổi Lặng', kind: 'commune', parent: 'SH', validFrom: MERGE_DAY },
  {
    code: 'SH-X107',
    name: 'Phường Lam Giang',
    shortName: 'P. Lam Giang',
    kind: 'commune',
    parent: 'SH',
    validFrom: MERGE_DAY,
    note: 'Trên địa bàn tỉnh Lam Giang cũ.',
  },
  {
    code: 'SH-X108',
    name: 'Xã Vĩnh Hưng',
    shortName: 'X. Vĩnh Hưng',
    kind: 'commune',
    parent: 'SH',
    validFrom: MERGE_DAY,
    note: 'Trên địa bàn tỉnh Lam Giang cũ.',
  },

  // Pre-2025 communes, wards and townships, each merged into a new commune.
  { code: 'SH-X001', name: 'Phường Bắc Thành', shortName: 'Bắc Thành', kind: 'commune', parent: 'SH-H01', successor: 'SH-X101', validTo: MERGE_DAY_BEFORE },
  { code: 'SH-X002', name: 'Phường Nam Thành', shortName: 'Nam Thành', kind: 'commune', parent: 'SH-H01', successor: 'SH-X101', validTo: MERGE_DAY_BEFORE },
  { code: 'SH-X003', name: 'Phường Hồng Phong', shortName: 'Hồng Phong', kind: 'commune', parent: 'SH-H01', successor: 'SH-X102', validTo: MERGE_DAY_BEFORE },
  { code: 'SH-X004', name: 'Xã Thanh Lương', shortName: 'Thanh Lương', kind: 'commune', parent: 'SH-H01', successor: 'SH-X102', validTo: MERGE_DAY_BEFORE },
  { code: 'SH-X005', name: 'Thị trấn An Thịnh', shortName: 'TT. An Thịnh', kind: 'commune', parent: 'SH-H02', successor: 'SH-X103', validTo: MERGE_DAY_BEFORE },
  { code: 'SH-X006', name: 'Xã An Phú', shortName: 'An Phú', kind: 'commune', parent: 'SH-H02', successor: 'SH-X103', validTo: MERGE_DAY_BEFORE },
  { code: 'SH-X007', name: 'Xã Tân Lập', shortName: 'Tân Lập', kind: 'commune', parent: 'SH-H02', successor: 'SH-X104', validTo: MERGE_DAY_BEFORE },
  { code: 'SH-X008', name: 'Xã Đồng Tâm', shortName: 'Đồng Tâm', kind: 'commune', parent: 'SH-H02', successor: 'SH-X104', validTo: MERGE_DAY_BEFORE },
  { code: 'SH-X009', name: 'Thị trấn Hòa Lạc', shortName: 'TT. Hòa Lạc', kind: 'commune', parent: 'SH-H03', successor: 'SH-X105', validTo: MERGE_DAY_BEFORE },
  { code: 'SH-X010', name: 'Xã Phú Cường', shortName: 'Phú Cường', kind: 'commune', parent: 'SH-H03', successor: 'SH-X105', validTo: MERGE_DAY_BEFORE },
  { code: 'SH-X011', name: 'Xã Khuổi Lặng', shortName: 'Khuổi Lặng', kind: 'commune', parent: 'SH-H03', successor: 'SH-X106', validTo: MERGE_DAY_BEFORE },
  { code: 'SH-X012', name: 'Xã Nà Sản', shortName: 'Nà Sản', kind: 'commune', parent: 'SH-H03', successor: 'SH-X106', validTo: MERGE_DAY_BEFORE },

  // Provincial agencies, the Fatherland Front and mass organisations, armed forces, Party committees.
  {
    code: 'SH-BTGDV',
    name: 'Ban Tuyên giáo và Dân vận Tỉnh ủy',
    shortName: 'Ban TG&DV',
    kind: 'agency',
    parent: 'SH',
    validFrom: '2025-03-01',
    note: 'Thành lập trên cơ sở hợp nhất Ban Tuyên giáo và Ban Dân vận Tỉnh ủy.',
  },
  {
    code: 'SH-BDV',
    name: 'Ban Dân vận Tỉnh ủy',
    shortName: 'Ban Dân vận',
    kind: 'agency',
    parent: 'SH',
    successor: 'SH-BTGDV',
    validTo: '2025-02-28',
  },
  { code: 'SH-SNNMT', name: 'Sở Nông nghiệp và Môi trường', shortName: 'Sở NN&MT', kind: 'agency', parent: 'SH' },
  { code: 'SH-SYT', name: 'Sở Y tế', shortName: 'Sở Y tế', kind: 'agency', parent: 'SH' },
  { code: 'SH-SGDDT', name: 'Sở Giáo dục và Đào tạo', shortName: 'Sở GD&ĐT', kind: 'agency', parent: 'SH' },
  { code: 'SH-MTTQ', name: 'Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh', shortName: 'MTTQ tỉnh', kind: 'mass-org', parent: 'SH' },
  { code: 'SH-HLHPN', name: 'Hội Liên hiệp Phụ nữ tỉnh', shortName: 'Hội LHPN tỉnh', kind: 'mass-org', parent: 'SH' },
  { code: 'SH-HND', name: 'Hội Nông dân tỉnh', shortName: 'Hội ND tỉnh', kind: 'mass-org', parent: 'SH' },
  { code: 'SH-HCCB', name: 'Hội Cựu chiến binh tỉnh', shortName: 'Hội CCB tỉnh', kind: 'mass-org', parent: 'SH' },
  { code: 'SH-DTN', name: 'Tỉnh đoàn Thanh niên Cộng sản Hồ Chí Minh', shortName: 'Tỉnh đoàn', kind: 'mass-org', parent: 'SH' },
  { code: 'SH-CA', name: 'Công an tỉnh', shortName: 'Công an tỉnh', kind: 'armed-force', parent: 'SH' },
  { code: 'SH-BCHQS', name: 'Bộ Chỉ huy Quân sự tỉnh', shortName: 'Bộ CHQS tỉnh', kind: 'armed-force', parent: 'SH' },
  { code: 'SH-BDBP', name: 'Bộ Chỉ huy Bộ đội Biên phòng tỉnh', shortName: 'BĐBP tỉnh', kind: 'armed-force', parent: 'SH' },
  { code: 'SH-DBDN', name: 'Đảng bộ Khối Doanh nghiệp tỉnh', shortName: 'ĐB Khối DN', kind: 'party-committee', parent: 'SH' },
];

export type FieldCode = 'economy' | 'culture-society' | 'defence-security' | 'political-system' | 'new-rural-urban' | 'other';

export const FIELDS: Array<{ code: FieldCode; name: string; order: number }> = [
  { code: 'economy', name: 'Kinh tế', order: 1 },
  { code: 'culture-society', name: 'Văn hóa - xã hội', order: 2 },
  { code: 'defence-security', name: 'Quốc phòng - an ninh', order: 3 },
  { code: 'political-system', name: 'Xây dựng hệ thống chính trị', order: 4 },
  { code: 'new-rural-urban', name: 'Xây dựng nông thôn mới, đô thị văn minh', order: 5 },
  { code: 'other', name: 'Lĩnh vực khác', order: 6 },
];

export type CriteriaSetSeed = {
  name: string;
  guidelineNumber: string;
  guidelineDate: string;
  subjectType: 'collective' | 'individual';
  criteria: Array<{ code: string; text: string; required: boolean; maxScore?: number }>;
};

const GUIDELINE = 'Hướng dẫn số 08-HD/BDVTU';
const GUIDELINE_DATE = '2022-03-15';

export const CRITERIA_SETS: CriteriaSetSeed[] = [
  {
    name: 'Tiêu chí công nhận mô hình tập thể "Dân vận khéo"',
    guidelineNumber: GUIDELINE,
    guidelineDate: GUIDELINE_DATE,
    subjectType: 'collective',
    criteria: [
      {
        code: 'TT1',
        text: 'Cách làm mới, sáng tạo, phù hợp thực tiễn địa phương; rút ngắn thời gian, giảm chi phí khi thực hiện nhiệm vụ chính trị của đơn vị.',
        required: true,
        maxScore: 20,
      },
      {
        code: 'TT2',
        text: 'Người đứng đầu cấp ủy, chính quyền, đơn vị trực tiếp vận động; Nhân dân tự nguyện, tự giác chấp hành chủ trương, pháp luật.',
        required: true,
        maxScore: 20,
      },
      {
        code: 'TT3',
        text: 'Huy động được nhiều lực lượng, tổ chức và người dân cùng tham gia; phát huy vai trò Mặt trận và các đoàn thể.',
        required: true,
        maxScore: 20,
      },
      {
        code: 'TT4',
        text: 'Hài hòa lợi ích của Nhà nước, tập thể và người dân; không phát sinh khiếu kiện, bức xúc trong quá trình thực hiện.',
        required: true,
        maxScore: 20,
      },
      {
        code: 'TT5',
        text: 'Hiệu quả được lượng hóa bằng kết quả cụ thể, duy trì bền vững từ một năm trở lên và có khả năng nhân rộng.',
        required: true,
        maxScore: 20,
      },
    ],
  },
  {
    name: 'Tiêu chí công nhận điển hình cá nhân "Dân vận khéo"',
    guidelineNumber: GUIDELINE,
    guidelineDate: GUIDELINE_DATE,
    subjectType: 'individual',
    criteria: [
      {
        code: 'CN1',
        text: 'Bản thân và gia đình gương mẫu chấp hành chủ trương của Đảng, chính sách, pháp luật của Nhà nước và quy định nơi cư trú.',
        required: true,
      },
      {
        code: 'CN2',
        text: 'Có sáng kiến, cách làm hay được cơ quan, địa phương ghi nhận và áp dụng.',
        required: true,
      },
      {
        code: 'CN3',
        text: 'Đề xuất và cùng tháo gỡ được vấn đề khó, tồn đọng lâu ngày ở cơ sở.',
        required: true,
      },
      {
        code: 'CN4',
        text: 'Tận tụy, gần dân, trọng dân; được Nhân dân nơi cư trú và nơi công tác tín nhiệm.',
        required: true,
      },
      {
        code: 'CN5',
        text: 'Gia đình đạt danh hiệu "Gia đình văn hóa" và hoàn thành tốt nhiệm vụ nhiều năm liền (tiêu chí khuyến khích).',
        required: false,
      },
    ],
  },
];

export type PeriodYear = 2023 | 2024 | 2025;

export type PeriodSeed = {
  year: PeriodYear;
  name: string;
  theme: string;
  registrationStart: string;
  registrationEnd: string;
  reviewDeadline: string;
  reviewChain: LevelCode[];
};

export const PERIODS: PeriodSeed[] = [
  {
    year: 2023,
    name: 'Phong trào thi đua "Dân vận khéo" năm 2023',
    theme: 'Chung tay chỉnh trang đô thị, giữ gìn môi trường xanh - sạch - đẹp',
    registrationStart: '2023-02-15',
    registrationEnd: '2023-06-30',
    reviewDeadline: '2023-11-30',
    reviewChain: ['commune', 'district', 'province'],
  },
  {
    year: 2024,
    name: 'Phong trào thi đua "Dân vận khéo" năm 2024',
    theme: 'Nâng chất phong trào, hướng mạnh về cơ sở, lấy sự hài lòng của Nhân dân làm thước đo',
    registrationStart: '2024-02-20',
    registrationEnd: '2024-06-28',
    reviewDeadline: '2024-11-29',
    reviewChain: ['commune', 'district', 'province'],
  },
  {
    year: 2025,
    name: 'Phong trào thi đua "Dân vận khéo" năm 2025',
    theme: 'Dân vận khéo trong vận hành chính quyền địa phương hai cấp, gần dân, sát dân',
    registrationStart: '2025-03-03',
    registrationEnd: '2025-08-29',
    reviewDeadline: '2025-12-15',
    reviewChain: ['commune', 'province'],
  },
];
