using System.Text.Json;
using VapiAgents.VapiSimulator.Truth;

namespace VapiAgents.VapiSimulator.Tests;

public sealed class SuccessEvaluationTests
{
    [Theory]
    [InlineData("true", SuccessOutcome.Passed)]
    [InlineData("false", SuccessOutcome.Failed)]
    [InlineData("\"true\"", SuccessOutcome.Passed)]
    [InlineData("\" Pass \"", SuccessOutcome.Passed)]
    [InlineData("\"SUCCESSFUL\"", SuccessOutcome.Passed)]
    [InlineData("\"yes\"", SuccessOutcome.Passed)]
    [InlineData("\"Fail\"", SuccessOutcome.Failed)]
    [InlineData("\"no\"", SuccessOutcome.Failed)]
    [InlineData("\"8/10\"", SuccessOutcome.Passed)]
    [InlineData("\"4/10\"", SuccessOutcome.Failed)]
    [InlineData("\"85%\"", SuccessOutcome.Passed)]
    [InlineData("\"49%\"", SuccessOutcome.Failed)]
    [InlineData("\"7\"", SuccessOutcome.Passed)]
    [InlineData("7", SuccessOutcome.Passed)]
    [InlineData("4", SuccessOutcome.Failed)]
    [InlineData("0.5", SuccessOutcome.Passed)]
    [InlineData("0.49", SuccessOutcome.Failed)]
    [InlineData("1", SuccessOutcome.Passed)]
    [InlineData("0", SuccessOutcome.Failed)]
    [InlineData("42", SuccessOutcome.Unknown)]
    [InlineData("-1", SuccessOutcome.Unknown)]
    [InlineData("\"11/10\"", SuccessOutcome.Unknown)]
    [InlineData("\"Excellent\"", SuccessOutcome.Unknown)]
    [InlineData("\"\"", SuccessOutcome.Unknown)]
    [InlineData("null", SuccessOutcome.Unknown)]
    [InlineData("{\"score\":1}", SuccessOutcome.Unknown)]
    public void Classifies_the_shapes_Vapi_sends(string json, SuccessOutcome expected)
    {
        using var document = JsonDocument.Parse(json);

        SuccessEvaluation.Classify(document.RootElement).Should().Be(expected);
    }

    [Fact]
    public void A_missing_value_is_unknown() => SuccessEvaluation.Classify(null).Should().Be(SuccessOutcome.Unknown);
}
