package dev.plinth.presets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plinth.spec.EnvironmentSpec;
import dev.plinth.spec.InvalidRequestException;
import dev.plinth.spec.SpecValidator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class PresetCatalogTest {

    private final JsonMapper json = JsonMapper.builder().build();
    private final PresetCatalog catalog = new PresetCatalog(json);

    @Test
    void theFourReferenceStacksAreThere() {
        assertThat(catalog.all())
                .extracting(Preset::name)
                .containsExactly("monitored-app", "spa-api", "web-app", "wordpress");
        assertThat(catalog.all()).allSatisfy(p -> {
            assertThat(p.description()).isNotBlank();
            assertThat(p.reference()).isNotBlank();
            assertThat(p.spec().has("name")).isFalse();
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"wordpress", "web-app", "monitored-app", "spa-api"})
    void eachPresetWithANameRegionAndImageIsAValidSpec(String preset) {
        JsonNode request = json.readTree("""
                {"name": "p-%s", "region": "eu-central-1", "preset": "%s", "service": {"image": "public.ecr.aws/nginx/nginx:stable"}}""".formatted(preset, preset));

        EnvironmentSpec spec = json.treeToValue(catalog.resolve(request), EnvironmentSpec.class);

        assertThat(new SpecValidator().validate(spec)).isEmpty();
        assertThat(spec.preset()).isEqualTo(preset);
    }

    @Test
    void overridesMergeOverThePresetAndNullRemoves() {
        JsonNode request = json.readTree("""
                {"name": "blog", "region": "eu-west-1", "preset": "wordpress",
                 "database": {"instanceClass": "db.r6g.large"}, "service": {"autoscaling": null}, "cdn": null}""");

        EnvironmentSpec spec = json.treeToValue(catalog.resolve(request), EnvironmentSpec.class);

        assertThat(spec.database().instanceClass()).isEqualTo("db.r6g.large");
        assertThat(spec.database().multiAz()).as("kept from the preset").isTrue();
        assertThat(spec.service().image()).isEqualTo("wordpress:6-apache");
        assertThat(spec.service().autoscaling()).isNull();
        assertThat(spec.cdn()).isNull();
        assertThat(spec.network().cidr()).isEqualTo("10.20.0.0/16");
    }

    @Test
    void aRequestWithoutAPresetIsTakenAsItIs() {
        JsonNode request = json.readTree("{\"name\": \"x\", \"network\": {\"cidr\": \"10.0.0.0/16\"}}");

        assertThat(catalog.resolve(request)).isSameAs(request);
    }

    @Test
    void anUnknownPresetIsAnInvalidRequestNamingTheChoices() {
        JsonNode request = json.readTree("{\"name\": \"x\", \"preset\": \"drupal\"}");

        assertThatThrownBy(() -> catalog.resolve(request))
                .isInstanceOfSatisfying(
                        InvalidRequestException.class,
                        e -> assertThat(e.violations()).singleElement().satisfies(v -> {
                            assertThat(v.field()).isEqualTo("preset");
                            assertThat(v.rule()).isEqualTo("one-of");
                            assertThat(v.message()).contains("wordpress", "spa-api");
                        }));
    }
}
