namespace ManifestLint.Rules;

/// <summary>
/// Every rule ID in one place. The hundreds digit groups rules: 10xx Services and workloads, 11xx Ingress,
/// 12xx NetworkPolicy, 13xx configuration references, 14xx scaling and availability, 15xx RBAC.
/// Engine and input diagnostics (ML9xxx) live in Core. A retired ID stays here, marked [Obsolete].
/// </summary>
public static class RuleIds
{
    // Services and workloads (10xx)
    public const string ServiceSelectorMatchesNoPods = "ML1001";
    public const string WorkloadSelectorDoesNotMatchTemplate = "ML1002";
    public const string ServiceTargetPortNotDeclared = "ML1003";

    // Ingress (11xx)

    // NetworkPolicy (12xx)

    // Configuration references (13xx)

    // Scaling and availability (14xx)

    // RBAC (15xx)
}
