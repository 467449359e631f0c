package jp.grants.grant.axon;

import java.util.List;
import jp.grants.grant.command.CallQuota;
import jp.grants.grant.command.Grant;
import org.axonframework.messaging.annotation.ClasspathParameterResolverFactory;
import org.axonframework.messaging.annotation.MultiParameterResolverFactory;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.messaging.annotation.SimpleResourceParameterResolverFactory;
import org.axonframework.modelling.command.inspection.AggregateModel;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;

/**
 * The Grant aggregate's model outside Axon's configuration (the cache's, the auditors' replay): its
 * handlers' resources, the award's {@link CallQuota}, resolved as the configuration resolves them.
 * The class path alone does not resolve them in the packaged service; in tests it seems to, because
 * axon-test's fixture resolver answers every parameter.
 */
public final class GrantModel {
  private GrantModel() {}

  public static AggregateModel<Grant> inspect(CallQuota calls) {
    return inspect(calls, ClasspathParameterResolverFactory.forClass(Grant.class));
  }

  static AggregateModel<Grant> inspect(CallQuota calls, ParameterResolverFactory base) {
    return AnnotatedAggregateMetaModelFactory.inspectAggregate(
        Grant.class,
        MultiParameterResolverFactory.ordered(
            base, new SimpleResourceParameterResolverFactory(List.of(calls))));
  }
}
