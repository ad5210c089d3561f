package io.oktioneer.auction;

import static org.assertj.core.api.Assertions.assertThat;

import io.oktioneer.auction.it.Api;
import io.oktioneer.auction.it.AuctionServiceITBase;
import io.oktioneer.testsupport.OpenApiSnapshot;
import org.junit.jupiter.api.Test;

/** The published document (gateway: /api-docs/auction) is the one committed as docs/openapi/auction.json. */
class OpenApiDocumentIT extends AuctionServiceITBase {

    @Test
    void theLiveDocumentIsTheCommittedOne() {
        Api.Response document = api.get("/v3/api-docs");
        assertThat(document.status()).isEqualTo(200);
        OpenApiSnapshot.assertMatches("auction", document.text(), "./mvnw -B -ntp verify"
                + " -pl contracts,service-support,test-support,auction-service -Dit.test=OpenApiDocumentIT"
                + " -Dfailsafe.failIfNoSpecifiedTests=false -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false");
    }
}
