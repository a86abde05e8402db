package dev.parley.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.restassured.RestAssured;

import dev.parley.e2e.support.ApiDocument;
import dev.parley.e2e.support.ApiDocument.Operation;
import dev.parley.e2e.support.EndToEnd;
import dev.parley.e2e.support.Product.Service;
import dev.parley.e2e.support.RunningProduct;
import dev.parley.e2e.support.WireRecorder;
import dev.parley.e2e.support.WireRecorder.Exchange;

/**
 * The OpenAPI documents describe the wire exactly: every operation of every service is called through the front
 * door (see {@link ApiTour}), and each answer's status and the property names of every body sent and received are
 * the documented ones. A client generated from the documents therefore speaks Parley's real JSON.
 */
@EndToEnd
class WireContractIT {

    private final WireRecorder recorder = new WireRecorder();

    @AfterEach
    void stopRecording() {
        RestAssured.replaceFiltersWith(List.of());
    }

    @Test
    void everyOperationAnswersAsItsServiceDocumentsIt() throws Exception {
        // The tour resets dan's password moments after his verification mail, sooner than the one mail a minute a
        // recipient gets (a person forgets a password later than that): two a minute, for this test only.
        RunningProduct.product().reconfigure(Service.ACCOUNT, Map.of("PARLEY_MAIL_PER_RECIPIENT_MINUTE", "2/1m"));
        RestAssured.replaceFiltersWith(recorder);
        ApiTour.callEveryOperation();
        RestAssured.replaceFiltersWith(List.of());

        Map<Service, ApiDocument> documents = new EnumMap<>(Service.class);
        for (Service service : Service.values()) {
            documents.put(service, ApiDocument.of(service.url()));
        }
        List<String> departures = new ArrayList<>();
        Set<String> answered = new HashSet<>();
        for (Exchange exchange : recorder.exchanges()) {
            Operation operation = documents.values().stream().flatMap(d -> d.operationOf(exchange).stream())
                    .findFirst().orElse(null);
            if (operation == null) {
                departures.add(exchange + ": no documented operation");
                continue;
            }
            ApiDocument document = documents.values().stream()
                    .filter(d -> d.operationOf(exchange).isPresent()).findFirst().orElseThrow();
            document.departures(operation, exchange).forEach(d -> departures.add(exchange + ": " + d));
            // A redirect is the success of a media route.
            if (exchange.status() < 300 || exchange.status() == 302) {
                answered.add(operation.toString());
            }
        }

        assertThat(departures).as("exchanges that depart from the documents").isEmpty();
        List<String> documented = documents.values().stream().flatMap(d -> d.operations().stream())
                .map(Operation::toString).toList();
        assertThat(answered).as("operations called successfully").containsExactlyInAnyOrderElementsOf(documented);
    }
}
