namespace ManifestLint.Rules;

/// <summary>
/// Every rule ID in one place. The hundreds digit groups rules: 10xx Services and workloads, 11xx Ingress,
/// 12xx NetworkPolicy, 13xx configuration references, 14xx scaling and availability, 15xx RBAC, 16xx deployment units,
/// 20xx schema validation. Single-object checks: 3xxx reliability, 4xxx security.
/// Engine and input diagnostics (ML9xxx) live in Core. A retired ID stays here, marked [Obsolete].
/// </summary>
public static class RuleIds
{
    // Services and workloads (10xx)
    public const string ServiceSelectorMatchesNoPods = "ML1001";
    public const string WorkloadSelectorDoesNotMatchTemplate = "ML1002";
    public const string ServiceTargetPortNotDeclared = "ML1003";
    public const string PublicServicesExposeSamePods = "ML1004";
    public const string StatefulSetServiceNotHeadless = "ML1005";
    public const string ProbeNamedPortNotDeclared = "ML1006";
    public const string ProbePortNotDeclared = "ML1007";

    // Ingress (11xx)
    public const string IngressBackendServiceMissing = "ML1101";
    public const string IngressBackendPortMissing = "ML1102";
    public const string IngressTlsSecretMissing = "ML1103";
    public const string IngressClassMissing = "ML1104";
    public const string IngressRouteConflict = "ML1105";

    // NetworkPolicy (12xx)
    public const string NetworkPolicySelectsNoPods = "ML1201";
    public const string NetworkPolicyPeerSelectsNoPods = "ML1202";
    public const string NetworkPolicyNamedPortNotDeclared = "ML1203";
    public const string NetworkPolicyPortNotDeclared = "ML1204";
    public const string NetworkPolicyBlocksKnownCaller = "ML1205";

    // Configuration references (13xx)
    public const string ConfigMapMissing = "ML1301";
    public const string ConfigMapKeyMissing = "ML1302";
    public const string SecretMissing = "ML1303";
    public const string SecretKeyMissing = "ML1304";
    public const string ServiceAccountMissing = "ML1305";
    public const string PersistentVolumeClaimMissing = "ML1306";

    // Scaling and availability (14xx)
    public const string AutoscalerTargetMissing = "ML1401";
    public const string AutoscaledWorkloadSetsReplicas = "ML1402";
    public const string DisruptionBudgetSelectsNoPods = "ML1403";
    public const string DisruptionBudgetBlocksEviction = "ML1404";

    // RBAC (15xx)
    public const string RoleBindingRoleMissing = "ML1501";
    public const string RoleBindingServiceAccountMissing = "ML1502";

    // Deployment units (16xx)
    public const string ObjectDefinedTwiceInUnit = "ML1601";

    // Schema (20xx): each object against its kind's schema
    public const string UnknownField = "ML2001";
    public const string WrongType = "ML2002";
    public const string ValueNotAllowed = "ML2003";
    public const string RequiredFieldMissing = "ML2004";
    public const string NamespaceOnClusterScopedKind = "ML2005";
    public const string ConstraintViolated = "ML2006";
    public const string ApiVersionRemoved = "ML2007";
    public const string ApiVersionDeprecated = "ML2008";
    public const string NewerThanTargetVersion = "ML2009";
    public const string ValueNotInFormat = "ML2010";
    public const string DuplicateListItem = "ML2011";
    // Reliability: single-object checks (30xx)
    public const string ImageTagNotPinned = "ML3001";
    public const string MemoryLimitMissing = "ML3002";
    public const string ResourceRequestsMissing = "ML3003";
    public const string ReadinessProbeMissingBehindService = "ML3004";
    public const string LivenessProbeSameAsReadiness = "ML3005";
    public const string RolloutCanTakeAllPodsDown = "ML3006";
    public const string DuplicateEnvironmentVariable = "ML3007";

    // Security: single-object checks (40xx)
    public const string PrivilegedContainer = "ML4001";
    public const string PrivilegeEscalationAllowed = "ML4002";
    public const string RunsAsRootUser = "ML4003";
    public const string RunAsNonRootNotSet = "ML4004";
    public const string HostNamespaceShared = "ML4005";
    public const string SensitiveHostPathMounted = "ML4006";
    public const string DangerousCapabilityAdded = "ML4007";
    public const string NetRawNotDropped = "ML4008";
    public const string RootFilesystemWritable = "ML4009";
    public const string SecretInPlainEnvironmentValue = "ML4010";
    public const string RbacRuleUsesWildcard = "ML4011";
    public const string ClusterAdminBound = "ML4012";
}
