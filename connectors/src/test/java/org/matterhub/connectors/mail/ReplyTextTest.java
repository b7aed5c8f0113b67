package org.matterhub.connectors.mail;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The edges of quote stripping and automatic-mail detection that the recorded replies do not reach. */
class ReplyTextTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            prose that mentions writing stays    | On Monday I wrote:\\nthe draft is fine    | On Monday I wrote:\\nthe draft is fine
            a From line without a date stays     | From: the client's side\\nagreed         | From: the client's side\\nagreed
            a lone dash line is not a signature  | Yes\\n---\\nNo                           | Yes\\n---\\nNo
            blank lines collapse to one          | a\\n\\n\\n\\nb\\n\\n                     | a\\n\\nb
            CRLF and non-breaking spaces         | a\\r\\nb\u00a0c                          | a\\nb c
            nested quotes go                     | ok\\n>> older\\n> old                    | ok
            a signature ends the text            | ok\\n-- \\nAlice\\n> quoted              | ok
            Outlook German header block          | ok\\nVon: X\\nGesendet: Mo\\nAn: Y       | ok
            only quoted history leaves nothing   | > On Mon wrote:\\n> hi                   | ''
            """)
    void plainText(String why, String text, String expected) {
        assertThat(QuotedText.strip(unescape(text))).as(why).isEqualTo(unescape(expected));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            paragraphs and breaks             | <p>a</p><p>b<br>c</p>                                              | a\\n\\nb\\nc
            entities decode to text           | <div>1 &lt; 2 &amp; 3</div>                                      | 1 < 2 & 3
            style, script and title vanish    | <title>T</title><style>p{}</style><p>x<script>y()</script></p>    | x
            an Outlook header ends the text   | <p>x</p><div id="divRplyFwdMsg">From</div><p>old</p>              | x
            a list is one item a line         | <ul><li>one</li><li>two</li></ul>                                 | one\\ntwo
            pre keeps its lines               | <pre>a\\n  b</pre>                                                | a\\nb
            """)
    void html(String why, String html, String expected) {
        assertThat(QuotedText.strip(HtmlText.toText(unescape(html)))).as(why).isEqualTo(unescape(expected));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a subject about an absence is a person       | Subject: Re: Absence of signature on page 3          | true
            an out-of-office subject                     | Subject: Out of Office: Re: Acme                    | false
            Portuguese automatic reply                   | Subject: =?UTF-8?Q?Resposta_autom=C3=A1tica:_Acme?=   | false
            Auto-Submitted no is a person                | Auto-Submitted: no                                  | true
            Precedence first-class is a person           | Precedence: first-class                             | true
            Precedence list is bulk                      | Precedence: list                                    | false
            a mailing list is bulk                       | List-Id: <acme.lists.example>                       | false
            """)
    void automaticMail(String why, String header, boolean person) throws Exception {
        String raw = "From: alice@client.example\r\nTo: reply@firm.example\r\n" + header + "\r\n"
                + (header.startsWith("Subject") ? "" : "Subject: Re: Acme\r\n") + "\r\nhello\r\n";
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));

        assertThat(AutomaticMail.classify(message, "alice@client.example").isEmpty()).as(why).isEqualTo(person);
    }

    private static String unescape(String s) {
        return s.replace("\\r", "\r").replace("\\n", "\n");
    }
}
