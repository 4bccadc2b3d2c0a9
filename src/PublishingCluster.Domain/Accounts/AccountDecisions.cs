using PublishingCluster.Domain.Common;
using PublishingCluster.Domain.Contracts;

namespace PublishingCluster.Domain.Accounts;

/// <summary>Opening an account.</summary>
internal static class AccountDecisions
{
    public const int MaxNameLength = 200;

    public static Decision Open(AccountState state, OpenAccount command, DateTimeOffset now)
    {
        if (state.IsOpen)
        {
            // The id of an account opened under an idempotency key is derived from the key, so a repeated
            // request lands here: the same body is the same request, a different one reuses the key.
            if (command.RequestFingerprint is not null && command.RequestFingerprint == state.OpenFingerprint)
            {
                return Decision.Accept(state.AccountId);
            }

            return Decision.Reject(command.RequestFingerprint is null
                ? Rejection.Lifecycle("accountId", "account.already-open", $"Account '{state.AccountId}' is already open.")
                : Rejection.Rule("Idempotency-Key", "idempotency.key-reused", "This idempotency key was used for a different request."));
        }

        if (string.IsNullOrWhiteSpace(command.AgencyId))
        {
            return Decision.Reject(Rejection.Invalid("agencyId", "account.agency-missing", "An agency id is required."));
        }

        if (string.IsNullOrWhiteSpace(command.Name) || command.Name.Length > MaxNameLength)
        {
            return Decision.Reject(Rejection.Invalid("name", "account.name-invalid", $"A name of 1 to {MaxNameLength} characters is required."));
        }

        if (ContractRules.Validate(command.Contract, now) is { } invalid)
        {
            return Decision.Reject(invalid);
        }

        return Decision.Accept(state.AccountId, new AccountOpened(state.AccountId, command.AgencyId, command.Name, command.Contract, command.RequestFingerprint, now));
    }
}
