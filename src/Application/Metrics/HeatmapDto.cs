namespace VapiAgents.Application.Metrics;

public sealed record HeatmapResponse(HeatmapDto Heatmap);

/// <summary>Usage by local weekday and hour of a call's creation: 168 cells, Monday 00:00 first.</summary>
public sealed record HeatmapDto(string Timezone, IReadOnlyList<HeatmapCellDto> Cells);

/// <param name="Weekday">ISO weekday, 1 = Monday … 7 = Sunday.</param>
/// <param name="Hour">Local wall-clock hour, 0–23.</param>
public sealed record HeatmapCellDto(int Weekday, int Hour, long Calls, decimal Minutes, decimal Cost, decimal Revenue, decimal Margin);
