package jp.grants.contracts;

import java.util.UUID;

/** An event about one grant. Every event that crosses a service boundary names its grant. */
public interface DomainEvent {
  UUID grantId();
}
