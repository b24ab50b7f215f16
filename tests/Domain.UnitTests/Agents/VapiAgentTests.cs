using VapiAgents.Domain.Agents;
using VapiAgents.Domain.Common;

namespace VapiAgents.Domain.UnitTests.Agents;

public sealed class VapiAgentTests
{
    private static readonly DateTime T0 = new(2026, 11, 1, 9, 0, 0, DateTimeKind.Utc);
    private static readonly SealedSecret Key = new("k1", [1, 2, 3]);

    private static VapiAgent NewAgent(string name = "  Patient Scheduling ", string? assistantId = " asst1 ") =>
        VapiAgent.Create(Guid.NewGuid(), "user-1", name, Key, "…abcd", assistantId, T0);

    [Fact]
    public void Create_TrimsAndNormalisesTheName_AndStartsActive()
    {
        var agent = NewAgent();

        agent.Name.Should().Be("Patient Scheduling");
        agent.NormalizedName.Should().Be("PATIENT SCHEDULING");
        agent.AssistantId.Should().Be("asst1");
        agent.IsActive.Should().BeTrue();
        agent.CreatedAt.Should().Be(T0);
        agent.UpdatedAt.Should().Be(T0);
        agent.Version.Should().NotBeEmpty();
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Create_RefusesAnEmptyName(string name)
    {
        var create = () => NewAgent(name);

        create.Should().Throw<DomainRuleException>();
    }

    [Fact]
    public void Create_RefusesANameOver100Characters() =>
        ((Action)(() => NewAgent(new string('n', 101)))).Should().Throw<DomainRuleException>();

    [Fact]
    public void Rename_ToTheSameName_ChangesNothing()
    {
        var agent = NewAgent();
        var version = agent.Version;

        agent.Rename(" Patient Scheduling", T0.AddHours(1)).Should().BeFalse();

        agent.Version.Should().Be(version);
        agent.UpdatedAt.Should().Be(T0);
    }

    [Fact]
    public void Changes_BumpUpdatedAtAndVersion()
    {
        var agent = NewAgent();
        var version = agent.Version;

        agent.Rename("Triage", T0.AddHours(1)).Should().BeTrue();

        agent.UpdatedAt.Should().Be(T0.AddHours(1));
        agent.Version.Should().NotBe(version);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void SetAssistant_NullOrBlank_ClearsIt(string? assistantId)
    {
        var agent = NewAgent();

        agent.SetAssistant(assistantId, T0.AddMinutes(1)).Should().BeTrue();

        agent.AssistantId.Should().BeNull();
    }

    [Fact]
    public void Activate_And_Deactivate_AreIdempotent()
    {
        var agent = NewAgent();

        agent.Activate(T0.AddMinutes(1)).Should().BeFalse();
        agent.Deactivate(T0.AddMinutes(2)).Should().BeTrue();
        agent.Deactivate(T0.AddMinutes(3)).Should().BeFalse();

        agent.IsActive.Should().BeFalse();
        agent.UpdatedAt.Should().Be(T0.AddMinutes(2));
    }

    [Fact]
    public void ReplaceApiKey_ForgetsTheOldVerification()
    {
        var agent = NewAgent();
        agent.RecordVerification(T0.AddMinutes(1), "org-1");

        agent.ReplaceApiKey(new SealedSecret("k1", [9]), "…wxyz", T0.AddMinutes(2));

        agent.ApiKey!.Ciphertext.Should().Equal(9);
        agent.ApiKeyHint.Should().Be("…wxyz");
        agent.LastVerifiedAt.Should().BeNull();
    }

    [Fact]
    public void Delete_DestroysTheKey_Deactivates_AndRefusesFurtherChanges()
    {
        var agent = NewAgent();

        agent.Delete(T0.AddDays(1));

        agent.IsDeleted.Should().BeTrue();
        agent.DeletedAt.Should().Be(T0.AddDays(1));
        agent.ApiKey.Should().BeNull();
        agent.IsActive.Should().BeFalse();
        ((Action)(() => agent.Delete(T0.AddDays(2)))).Should().Throw<DomainRuleException>();
        ((Action)(() => agent.Activate(T0.AddDays(2)))).Should().Throw<DomainRuleException>();
        ((Action)(() => agent.ReplaceApiKey(Key, "…abcd", T0.AddDays(2)))).Should().Throw<DomainRuleException>();
    }

    [Fact]
    public void ResealApiKey_IsNotAUserVisibleChange()
    {
        var agent = NewAgent();
        var version = agent.Version;

        agent.ResealApiKey(new SealedSecret("k2", [4, 5]));

        agent.ApiKey!.KeyId.Should().Be("k2");
        agent.UpdatedAt.Should().Be(T0);
        agent.Version.Should().NotBe(version, "a concurrent writer must not overwrite the re-sealed key");
    }

    [Fact]
    public void SealedSecret_ToString_DoesNotPrintTheCiphertext() =>
        new SealedSecret("k1", [1, 2, 3]).ToString().Should().Be("SealedSecret { KeyId = k1, 3 bytes }");

    [Theory]
    [InlineData(0)]
    [InlineData(10_001)]
    public void AConcurrencyLimit_IsOneTo10000Calls(int limit)
    {
        var agent = NewAgent();

        var set = () => agent.SetConcurrencyLimit(limit, T0);

        set.Should().Throw<DomainRuleException>();
        agent.ConcurrencyLimit.Should().BeNull();
    }

    [Fact]
    public void AConcurrencyLimit_IsSetAndCleared_BumpingTheVersionOnlyWhenItChanges()
    {
        var agent = NewAgent();
        var version = agent.Version;

        agent.SetConcurrencyLimit(10, T0.AddMinutes(1)).Should().BeTrue();
        agent.Version.Should().NotBe(version);
        agent.SetConcurrencyLimit(10, T0.AddMinutes(2)).Should().BeFalse();
        agent.SetConcurrencyLimit(null, T0.AddMinutes(3)).Should().BeTrue();
        agent.ConcurrencyLimit.Should().BeNull();
    }
}
