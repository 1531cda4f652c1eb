#!/usr/bin/env python3
"""Writes honest-notes.txt: call notes with order numbers, phone numbers, dates, amounts, tracking numbers
and Chinese text with numbers, none holding a card number. Deterministic (fixed seed); rerun to regenerate:
    python3 generate_honest_notes.py > honest-notes.txt
"""
import random

r = random.Random(20261207)

def d(n):
    return ''.join(str(r.randint(0, 9)) for _ in range(n))

def tw_mobile():
    n = '9' + d(8)
    forms = [
        lambda: '0' + n, lambda: '0' + n[:3] + '-' + n[3:6] + '-' + n[6:], lambda: '0' + n[:3] + ' ' + n[3:6] + ' ' + n[6:],
        lambda: '+886 ' + n[:3] + ' ' + n[3:6] + ' ' + n[6:], lambda: '+886-' + n[:3] + '-' + n[3:6] + '-' + n[6:],
        lambda: '+886' + n, lambda: '886' + n, lambda: '(+886) ' + n[:3] + '.' + n[3:6] + '.' + n[6:],
        lambda: '0' + n[:3] + '.' + n[3:6] + '.' + n[6:], lambda: '0' + n[:3] + '/' + n[3:6] + '/' + n[6:],
        lambda: '0' + n[:3] + '  ' + n[3:6] + '\t' + n[6:], lambda: '+886 (0)' + n[:3] + ' ' + n[3:],
        lambda: '０' + ''.join(chr(0xFF10 + int(c)) for c in n),
    ]
    return r.choice(forms)()

def cn_mobile():
    n = '1' + r.choice('3456789') + d(9)
    forms = [lambda: n, lambda: '+86 ' + n[:3] + ' ' + n[3:7] + ' ' + n[7:], lambda: n[:3] + '-' + n[3:7] + '-' + n[7:],
             lambda: '+86' + n, lambda: '0086 ' + n, lambda: n[:3] + ' ' + n[3:7] + ' ' + n[7:]]
    return r.choice(forms)()

def landline():
    return r.choice(['(02) 2' + d(3) + '-' + d(4), '02-2' + d(3) + '-' + d(4), '+886 2 2' + d(3) + ' ' + d(4),
                     '04-2' + d(3) + '-' + d(4) + ' ext. ' + d(3), '0800-' + d(3) + '-' + d(3), '021-' + d(8)])

def date():
    y, m, dd = r.choice([2025, 2026, 2027]), r.randint(1, 12), r.randint(1, 28)
    return r.choice([f'{y}/{m:02d}/{dd:02d}', f'{y}-{m:02d}-{dd:02d}', f'{y}.{m}.{dd}', f'{dd:02d}/{m:02d}/{y}',
                     f'{y}年{m}月{dd}日', f'{m}/{dd}', f'{y - 1911}/{m:02d}/{dd:02d}', f'{y}{m:02d}{dd:02d}'])

def time():
    return f'{r.randint(8, 21)}:{r.choice(["00", "15", "30", "45"])}'

def amount():
    v = r.randint(1, 250000)
    return r.choice([f'NT${v:,}', f'NT${v:,}.00', f'{v:,} TWD', f'¥{v}', f'US${v / 100:.2f}', f'{v}元', f'CNY {v:,}.50',
                     f'{v:,}.{d(2)}'])

def order_no():
    return r.choice(['ORD-2026-' + d(4), '20261' + d(7), 'ord_' + d(10), '訂單 ' + d(12), 'PO#' + d(6),
                     'ORD' + d(16), 'INV-' + d(4) + '-' + d(4), d(4) + '-' + d(4) + '-' + d(4)])

def tracking():
    return r.choice(['1Z' + d(3) + 'AA' + d(10), 'SF' + d(12), d(12), 'EMS ' + 'EE' + d(9) + 'TW', d(4) + ' ' + d(4) + ' ' + d(4),
                     '黑貓宅急便 ' + d(4) + '-' + d(4) + '-' + d(4), '郵局掛號 ' + d(6) + d(14), 'JD' + d(13)])

def zh_numbers():
    return r.choice(['三個月分期', '一年保固', '第二期', '兩盒', '十二月一號', '二〇二六年', '一二三號信箱', '五折', '四人份',
                     '週一到週五', '七天鑑賞期', '買一送一', '一共三件', '第九百九十九位客人', '零頭抹掉'])

templates = [
    lambda: f'客戶來電詢問訂單 {order_no()} 的出貨進度，回覆預計 {date()} 到貨。',
    lambda: f'Customer asked about order {order_no()}, total {amount()}, callback at {time()} on {date()}.',
    lambda: f'Call back {tw_mobile()} tomorrow after {time()}.',
    lambda: f'客户手机 {cn_mobile()}，下单 {zh_numbers()}，金额 {amount()}。',
    lambda: f'Tracking {tracking()} shipped {date()}; customer phone {tw_mobile()}.',
    lambda: f'{date()} {time()} 客戶改地址：台北市信義區松仁路{r.randint(1, 300)}號{r.randint(1, 30)}樓，郵遞區號 {r.choice(["110", "106", "220", "300"])}{d(2)}。',
    lambda: f'Refund {amount()} for {order_no()} approved by supervisor, ref {d(8)}.',
    lambda: f'客戶說 {zh_numbers()}，請於 {date()} 前回電 {landline()}。',
    lambda: f'Quoted {amount()} and {amount()}, discount {r.randint(5, 30)}%, {r.randint(1, 12)} instalments.',
    lambda: f'Numbers to try: {tw_mobile()}, {landline()}, {cn_mobile()}.',
    lambda: f'Order {order_no()} / {order_no()} merged; invoice {d(2)}-{d(8)} dated {date()}.',
    lambda: f'付款連結已寄到 {tw_mobile()}，{date()} {time()} 前有效，金額 {amount()}。',
    lambda: f'Customer reads the last 4 of the card as {d(4)}; confirmed the page shows the same.',
    lambda: f'Shipments: {tracking()}, {tracking()}, {tracking()}.',
    lambda: f'Amounts this month: {amount()}, {amount()}, {amount()}, {amount()}.',
    lambda: f'Dates offered: {date()}, {date()}, {date()}; customer picked {date()}.',
    lambda: f'{zh_numbers()}、{zh_numbers()}、{zh_numbers()}，共 {amount()}，聯絡電話 {tw_mobile()}。',
    lambda: f'Member no. {d(10)}, policy {d(4)}-{d(6)}-{d(2)}, since {date()}.',
    lambda: f'ID on file ends {d(3)}; customer born {date()}; phone {tw_mobile()}.',
    lambda: f'Meeting room booking {d(3)} {d(3)} {d(3)} {d(3)} at {time()}.',
    lambda: f'Serials {d(4)}.{d(4)}.{d(4)} and {d(5)}/{d(5)} recorded for warranty.',
    lambda: f'Called {tw_mobile()} at {time()}, then {tw_mobile()} at {time()}, no answer.',
    lambda: f'Bank transfer reference {d(5)} {d(5)} {d(4)} received {date()}, amount {amount()}.',
    lambda: f'Coupon codes {d(4)}-{d(4)}, {d(4)}-{d(4)} applied on {date()}.',
    lambda: f'客户说两点半再打，号码 {cn_mobile()}，订单 {order_no()}。',
]

lines = set()
out = []
while len(out) < 400:
    line = r.choice(templates)()
    if line not in lines:
        lines.add(line)
        out.append(line)
print('# Honest call notes: none holds a card number or CVC. Generated by generate_honest_notes.py (seed 20261207).')
for line in out:
    print(line.replace('\t', '\\t'))
