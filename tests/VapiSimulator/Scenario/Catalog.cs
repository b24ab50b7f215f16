namespace VapiAgents.VapiSimulator.Scenario;

/// <summary>Small fixed vocabularies that make generated data look like a real voice-agent business.</summary>
internal static class Catalog
{
    public static IReadOnlyList<string> AssistantRoles { get; } =
    [
        "Receptionist", "Appointment Setter", "Sales Qualifier", "Support Agent", "After-Hours Line",
        "Order Status Bot", "Survey Caller", "Reminder Caller", "Lead Follow-up", "Billing Helper",
    ];

    public static IReadOnlyList<string> Businesses { get; } =
    [
        "Bright Smile Dental", "Oak Street Realty", "Northwind Plumbing", "Bluebird Clinic", "Summit Insurance",
        "Harbor Auto Repair", "Green Leaf Spa", "Metro Legal", "Peak Fitness", "Riverside Vet",
    ];

    public static IReadOnlyList<string> Summaries { get; } =
    [
        "Caller booked an appointment for Friday at 10am.",
        "Customer asked about opening hours and pricing.",
        "Caller wanted to reschedule; a new slot was confirmed.",
        "Lead qualified; follow-up email promised.",
        "Customer complained about a delayed order; ticket opened.",
        "Caller hung up before stating the reason for calling.",
        "Voicemail reached; no message left.",
        "Caller asked for a human and was transferred.",
    ];

    public static IReadOnlyList<(string Bot, string User)> Exchanges { get; } =
    [
        ("Thanks for calling, how can I help?", "I'd like to book an appointment."),
        ("Hi, this is the assistant. What can I do for you?", "What are your opening hours?"),
        ("Hello! Are you calling about an existing order?", "Yes, it hasn't arrived yet."),
        ("Good morning, how may I help you today?", "Can I speak to someone in billing?"),
    ];

    public static IReadOnlyList<(string Item, int Weight)> CallTypes { get; } =
    [
        ("inboundPhoneCall", 45),
        ("outboundPhoneCall", 30),
        ("webCall", 20),
        ("vapi.websocketCall", 5),
    ];

    public static IReadOnlyList<(string Provider, decimal PerMinute)> PhoneProviders { get; } =
    [
        ("twilio", 0.0085m),
        ("vonage", 0.0079m),
        ("telnyx", 0.007m),
        ("vapi", 0.01m),
    ];

    public static bool IsPhoneCall(string? type) => type is "inboundPhoneCall" or "outboundPhoneCall";
}
