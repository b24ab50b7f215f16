namespace VapiAgents.Domain.Usage;

public enum SuccessOutcome
{
    Unknown = 0,
    Passed = 1,
    Failed = 2,
}
