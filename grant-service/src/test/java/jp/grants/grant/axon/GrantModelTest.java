package jp.grants.grant.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import jp.grants.grant.command.CallQuota;
import jp.grants.grant.command.Grant;
import org.axonframework.messaging.annotation.MultiParameterResolverFactory;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.messaging.annotation.UnsupportedHandlerException;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;
import org.junit.jupiter.api.Test;

/**
 * The aggregate's model as the packaged service builds it: with the class path's parameter
 * resolvers but without axon-test's, which answers every parameter in tests and so hid that the
 * award's CallQuota must be given (the packaged service once failed to start for it).
 */
class GrantModelTest {
  /** The class path's resolvers, as in the packaged service (axon-test's left out). */
  private static ParameterResolverFactory packaged() {
    List<ParameterResolverFactory> factories = new ArrayList<>();
    for (ParameterResolverFactory factory :
        ServiceLoader.load(ParameterResolverFactory.class, Grant.class.getClassLoader())) {
      if (!factory.getClass().getName().startsWith("org.axonframework.test.")) {
        factories.add(factory);
      }
    }
    return MultiParameterResolverFactory.ordered(factories);
  }

  @Test
  void shouldNotInspectTheAggregateWithoutItsCallQuota() {
    assertThatThrownBy(
            () -> AnnotatedAggregateMetaModelFactory.inspectAggregate(Grant.class, packaged()))
        .isInstanceOf(UnsupportedHandlerException.class)
        .hasMessageContaining("CallQuota");
  }

  @Test
  void shouldInspectTheAggregateWithItsCallQuota() {
    assertThat(GrantModel.inspect(CallQuota.NONE, packaged()).entityClass()).isEqualTo(Grant.class);
  }
}
