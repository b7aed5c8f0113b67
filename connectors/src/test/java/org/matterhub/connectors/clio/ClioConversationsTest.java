package org.matterhub.connectors.clio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.matterhub.connectors.kernel.FormQuery.query;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.matterhub.connectors.clio.ClioConversations.Changed;
import org.matterhub.connectors.clio.ClioConversations.Receiver;
import org.matterhub.connectors.kernel.OAuthTokenSet;
import org.matterhub.connectors.kernel.RateLimiter;
import org.matterhub.connectors.kernel.VendorIoException;
import org.matterhub.simulators.clio.ClioSimulator;
import org.matterhub.simulators.clio.ClioSimulatorOptions;
import org.matterhub.simulators.clio.DemoSeed;
import org.matterhub.simulators.common.FaultKind;
import org.matterhub.simulators.common.FaultRule;
import org.matterhub.simulators.common.RecordedRequest;

/**
 * {@link ClioConversations} against the Clio simulator over real HTTP. After every test each API request the connector
 * sent is validated against Clio's OpenAPI document, and every read it made is sent again and its answer validated
 * against the document's response schema.
 */
@Timeout(60)
class ClioConversationsTest {

    private static final String CLIENT_ID = "matterhub-test";
    private static final String CLIENT_SECRET = "app-secret-never-logged";
    private static final String REDIRECT_URI = "https://hub.example/oauth/clio/callback";

    private ClioSimulator clio;
    private HttpClient http;
    private OAuthTokenSet tokens;
    private ClioConversations conversations;
    private long matter;
    private long contact;

    @BeforeEach
    void start() throws Exception {
        clio = ClioSimulator.start(ClioSimulatorOptions.defaults());
        clio.registerApp(CLIENT_ID, CLIENT_SECRET);
        DemoSeed seed = clio.seedDemoFirm();
        matter = seed.matterIds().get(0);
        contact = ((Number) clio.data().matter(matter).get("client_id")).longValue();
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        ClioProperties properties = ClioProperties.of(URI.create(clio.baseUrl()), CLIENT_ID, CLIENT_SECRET)
                .withRequestTimeout(Duration.ofSeconds(10)).withPageSize(2);
        tokens = authorize(properties);
        ClioClient client = new ClioClient(properties, new RecordingTokenStore(tokens),
                new RateLimiter("clio-test", 6000, Duration.ofMinutes(1)), http, Clock.systemUTC());
        conversations = new ClioConversations(client);
    }

    @AfterEach
    void validateAgainstClioSpecAndStop() throws Exception {
        try {
            List<RecordedRequest> sent = clio.requests();
            assertThat(ClioSpecValidator.problems(sent)).isEmpty();
            assertThat(sent).filteredOn(r -> r.path().startsWith("/api/v4/"))
                    .allSatisfy(r -> assertThat(query(r.query())).as(r.method() + " " + r.path()).containsKey("fields"));
            assertThat(responseProblems(sent)).isEmpty();
        } finally {
            clio.close();
        }
    }

    @Test
    void aPortalThreadStartsAConversationOnTheMatterAndPostsIntoIt() {
        ClioConversationMessage first = conversations.startConversation(matter, "Draft agreement",
                "Please see the draft. [mh:m-1]", List.of(Receiver.contact(contact)));
        long conversation = first.conversationId();
        assertThat(first.conversation().subject()).isEqualTo("Draft agreement");
        assertThat(first.sender().isUser()).isTrue();
        assertThat(first.body()).isEqualTo("Please see the draft. [mh:m-1]");
        assertThat(clio.conversations().conversationIds(matter)).containsExactly(conversation);

        ClioConversationMessage second = conversations.postMessage(conversation, "Draft agreement",
                "Clause 4 is updated. [mh:m-2]", List.of(Receiver.contact(contact)));
        assertThat(second.conversationId()).isEqualTo(conversation);
        assertThat(clio.conversations().messageCount(conversation)).isEqualTo(2);
        ClioConversation read = conversations.getConversation(conversation);
        assertThat(read.matterId()).isEqualTo(matter);
        assertThat(read.messageCount()).isEqualTo(2);
        assertThat(read.subject()).isEqualTo("Draft agreement");
        RecordedRequest post = clio.requests().stream().filter(r -> r.method().equals("POST")
                && r.path().equals("/api/v4/conversation_messages.json")).findFirst().orElseThrow();
        assertThat(post.body()).contains("\"matter\":{\"id\":" + matter + "}").doesNotContain("\"conversation\"")
                .contains("\"receivers\":[{\"id\":" + contact + ",\"type\":\"Contact\"}]");
    }

    @Test
    void aLostResponseIsFoundByItsMarkerSoTheRetryDoesNotPostTwice() {
        assertThat(conversations.findMessageOnMatter(matter, "[mh:m-1]")).isEmpty();
        clio.faults().add(FaultRule.of(FaultKind.LOST_RESPONSE, "POST", "/conversation_messages\\.json", 1));
        assertThatThrownBy(() -> conversations.startConversation(matter, "Invoice", "Question about the bill [mh:m-1]",
                List.of(Receiver.contact(contact)))).isInstanceOf(VendorIoException.class);
        ClioConversationMessage found = conversations.findMessageOnMatter(matter, "[mh:m-1]").orElseThrow();
        assertThat(found.body()).isEqualTo("Question about the bill [mh:m-1]");
        long conversation = found.conversationId();

        clio.faults().add(FaultRule.of(FaultKind.LOST_RESPONSE, "POST", "/conversation_messages\\.json", 1));
        assertThatThrownBy(() -> conversations.postMessage(conversation, "Invoice", "Paid today [mh:m-2]",
                List.of(Receiver.contact(contact)))).isInstanceOf(VendorIoException.class);
        assertThat(conversations.findMessageWithMarker(conversation, "[mh:m-2]")).isPresent();
        assertThat(conversations.findMessageWithMarker(conversation, "[mh:m-3]")).isEmpty();
        // a marker that only differs in case is another marker: Clio's search ignores case, the check does not
        assertThat(conversations.findMessageWithMarker(conversation, "[MH:M-2]")).isEmpty();
        assertThat(clio.conversations().messageCount(conversation)).isEqualTo(2);
    }

    @Test
    void pollingFindsWhatStaffWroteInClioOnEveryPageAndOnlyOnce() {
        long a = clio.conversations().startConversation(matter, "Sarah Chen", "Kick-off", "Welcome");
        for (int i = 1; i <= 4; i++) {
            clio.conversations().postMessage(a, "Sarah Chen", "note " + i);
        }
        long other = clio.conversations().startConversation(
                clio.data().matterIds().get(1), "Amara Osei", "Invoice", "Your invoice is ready");
        clio.conversations().startConversation(clio.data().matterIds().get(2), "Amara Osei", "Filing", "Filed today");

        List<Changed> all = conversations.messagesUpdatedSince(null);
        assertThat(all).hasSize(3);
        assertThat(all.get(0).conversation().id()).isEqualTo(a);
        assertThat(all.get(0).messages()).extracting(ClioConversationMessage::body)
                .containsExactly("Welcome", "note 1", "note 2", "note 3", "note 4");
        assertThat(all.get(0).messages()).allSatisfy(m -> assertThat(m.sender().isUser()).isTrue());
        assertThat(all.get(0).conversation().matterId()).isEqualTo(matter);
        Instant cursor = all.get(all.size() - 1).conversation().updatedAt();

        long reply = clio.conversations().postMessage(other, "Amara Osei", "Reminder: due Friday");
        List<Changed> next = conversations.messagesUpdatedSince(cursor.plusMillis(1));
        assertThat(next).singleElement().satisfies(c -> {
            assertThat(c.conversation().id()).isEqualTo(other);
            assertThat(c.messages()).extracting(ClioConversationMessage::id).containsExactly(reply);
        });
        assertThat(conversations.messages(a, null)).hasSize(5);
        assertThat(conversations.matterConversations(matter)).extracting(ClioConversation::id).containsExactly(a);
    }

    @Test
    void aConversationThatIsGoneIsNotFound() {
        assertThatThrownBy(() -> conversations.getConversation(42)).isInstanceOf(ClioNotFoundException.class);
        assertThatThrownBy(() -> conversations.postMessage(42, "s", "b", List.of(Receiver.contact(contact))))
                .isInstanceOf(ClioNotFoundException.class);
        assertThatThrownBy(() -> conversations.postMessage(42, "s", "b", List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** The firm admin's browser round trip: authorize → 302 to our redirect URI → code exchange. */
    private OAuthTokenSet authorize(ClioProperties properties) throws Exception {
        ClioOAuthClient oauth = new ClioOAuthClient(properties, http, java.time.Clock.systemUTC());
        HttpResponse<Void> redirect = http.send(HttpRequest.newBuilder(oauth.authorizeUrl(REDIRECT_URI, "s")).GET().build(),
                HttpResponse.BodyHandlers.discarding());
        Map<String, String> params = query(URI.create(redirect.headers().firstValue("Location").orElseThrow()).getRawQuery());
        return oauth.exchangeCode(params.get("code"), REDIRECT_URI);
    }

    /** Sends every read the connector made once more and validates the answer against Clio's response schemas. */
    private List<String> responseProblems(List<RecordedRequest> sent) throws Exception {
        OpenApiInteractionValidator spec = OpenApiInteractionValidator.createForSpecificationUrl("contracts/clio/openapi.json")
                .withBasePathOverride("/api/v4")
                .withLevelResolver(LevelResolver.create()
                        .withLevel("validation.schema.additionalProperties", ValidationReport.Level.IGNORE).build())
                .build();
        List<String> problems = new ArrayList<>();
        for (RecordedRequest r : sent) {
            if (!r.method().equals("GET") || !r.path().startsWith("/api/v4/") || r.status() != 200) {
                continue;
            }
            HttpResponse<String> again = http.send(HttpRequest.newBuilder(URI.create(clio.baseUrl() + r.path() + "?" + r.query()))
                    .header("Authorization", "Bearer " + tokens.accessToken()).GET().build(), HttpResponse.BodyHandlers.ofString());
            SimpleResponse.Builder response = SimpleResponse.Builder.status(again.statusCode()).withBody(again.body());
            again.headers().map().forEach(response::withHeader);
            for (ValidationReport.Message m : spec.validateResponse(r.path(), Request.Method.GET, response.build()).getMessages()) {
                if (m.getLevel() == ValidationReport.Level.ERROR) {
                    problems.add(r.path() + ": " + m.getMessage());
                }
            }
        }
        assertThat(sent).anyMatch(r -> r.method().equals("GET"));
        return problems;
    }
}
