package io.telepay.call;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CardCollectionLanguageTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Told her a courier will collect your card this afternoon                     | courier collects the card
            Customer said our colleague would come and pick up the bank card tomorrow   | courier collects the card
            Please send us your debit card by registered mail                            | send the card
            We must move it to a safe account before the fraud team freezes it          | safe account
            Transfer the balance to a secure account today                               | safe account
            Don’t tell your bank about this call, it is confidential                     | don't tell the bank
            He asked me: do not tell the bank, they are part of the investigation       | don't tell the bank
            跟客戶說明天快遞員會上門取您的信用卡                                            | 快遞取卡
            客户说会有快递来收银行卡                                                        | 快遞取卡
            請將提款卡寄到我們公司處理                                                      | 寄出卡片
            把银行卡交给专人保管                                                            | 寄出卡片
            需要把存款轉到安全帳戶                                                          | 安全帳戶
            把钱转进安全账户才能解冻                                                        | 安全帳戶
            资金先转入监管账户                                                              | 安全帳戶
            這件事不要告訴銀行                                                              | 不要告訴銀行
            千万别告诉你的银行                                                              | 不要告訴銀行
            """)
    void findsTheLanguageOfCardCollection(String note, String phrase) {
        assertThat(CardCollectionLanguage.find(note)).contains(phrase);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "客戶訂購保健食品禮盒兩盒，宅配到府，已傳送付款連結。",
            "客户询问英语课程价格，约好下周再联系。",
            "Customer will pay on the link; the parcel goes by courier on Monday.",
            "The bank sent her a new card last month, she may use it on the pay page.",
            "客戶說銀行會寄新卡給她，下週再付款。",
            "Asked whether the account is safe to use abroad: yes.",
            "提醒客戶如有疑問請直接打給銀行確認。",
            "Someone will take your card number? No: customer types it on the pay page.",
            "快遞單號 SF1234567890，明天送達。"
    })
    void leavesOrdinarySalesNotesAlone(String note) {
        assertThat(CardCollectionLanguage.find(note)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Courier will collect your card; move the money to a safe account; don't tell your bank.",
            "快遞取卡後把錢轉到安全帳戶，不要告訴銀行。"
    })
    void namesEachPhraseOnceInListOrder(String note) {
        assertThat(CardCollectionLanguage.find(note)).hasSize(3).doesNotHaveDuplicates();
    }
}
