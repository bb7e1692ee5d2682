// Package telegramtest is a fake Telegram Bot API server for tests. It speaks
// the real HTTP protocol on a loopback httptest server, so the bot built on
// github.com/go-telegram/bot (imported as tgbot) is tested end to end by
// pointing it at the fake:
//
//	fake := telegramtest.New(t)
//	b, err := tgbot.New(fake.Token(), tgbot.WithServerURL(fake.URL()))
//	go b.Start(ctx)
//	fake.SendText(telegramtest.User{ID: 42}, "/start KODE")
//	msgs, err := fake.WaitSent(ctx, 42, 1)
//
// # What the fake does
//
// It routes /bot<token>/<method> (method names case-insensitive, a wrong
// token answers 401 {"ok":false,"error_code":401,"description":"Unauthorized"},
// an unknown method 404) and /file/bot<token>/<file_path>. Parameters are read
// from the query string and from JSON, urlencoded or multipart bodies.
// Implemented: getMe, getUpdates (offset, limit, timeout long poll,
// allowed_updates; a newer poll ends a waiting one with 409), setWebhook,
// deleteWebhook, getWebhookInfo, sendMessage, sendDocument, sendPhoto,
// sendChatAction, editMessageText, editMessageReplyMarkup, deleteMessage,
// answerCallbackQuery, setMyCommands, getMyCommands, deleteMyCommands (per
// scope and language_code) and getFile. Results carry Telegram's shapes:
// message_id increasing per chat (shared by the user's and the bot's
// messages), chat, date, from, text with entities, reply_markup.
//
// It validates what the Bot API documents, answering 400 with Telegram's
// wording: a required, non-blank text of at most 4096 UTF-16 units after
// parse_mode is applied (captions 1024); parse_mode HTML, Markdown or
// MarkdownV2 only, HTML limited to Telegram's tags and balanced, MarkdownV2
// with its reserved characters escaped ("can't parse entities: ..."); chat_id
// required and known (see WithAnyChat); inline buttons with a text, exactly
// one action field, callback_data of 1–64 bytes, http(s) or tg URLs, at most
// 100 buttons; command menus of valid commands.
//
// Faults on demand: send rates (SetRates: a global and a per-chat token
// bucket answering 429 with parameters.retry_after), blocked users (Block,
// UserBlocksBot: 403 "Forbidden: bot was blocked by the user"), injected
// failures (FailNext, SetFailureRate with a seeded generator: a 500, an HTML
// 502, or a reply lost after the call ran) and latency (SetLatency).
//
// Where it knowingly differs from Telegram: only private chats exist; a
// webhook may be plain http but must be on a loopback address; webhook
// retries come after milliseconds, not minutes; rate limits are off until
// set; Telegram itself takes the first action field of a button it
// recognises, while the fake rejects a second one with its own message
// ("exactly one of the optional fields must be used") because the Bot API
// documents the rule; some error texts (commands, attribute errors) are
// approximations; leading and trailing blanks are not trimmed from texts.
//
// # What github.com/go-telegram/bot v1.19.0 does that the bot must handle
//
// Read from the module source (file names relative to the module root) and,
// where marked, shown by this package's tests.
//
//   - Polling advances the offset before handling (get_updates.go: the
//     lastUpdateID is stored, then the update is queued on a channel of 1024).
//     Telegram forgets a batch once the next getUpdates asks past it, so
//     updates queued or being handled when the process stops are lost; a
//     process that dies before its next poll gets the last batch again on
//     restart (TestRestartedPollerGetsUnconfirmedUpdatesAgain). Persist each
//     update before acting on it and apply each update_id once.
//   - One update the library cannot decode fails the whole getUpdates answer
//     and polling retries the same offset forever: custom unmarshalers such
//     as models.MessageOrigin (models/reply.go) reject unknown enum values
//     (TestLibraryPoisonUpdateWedgesPolling). Watch for repeated decode
//     errors in the errors handler.
//   - The webhook handler answers 200 as soon as the update is queued, before
//     any handler runs, and also answers 200 to a wrong secret token, a body
//     that is not an update, or a request whose context ended
//     (webhook_handler.go; TestLibraryWebhookAcceptsWrongSecret). Check
//     X-Telegram-Bot-Api-Secret-Token yourself and answer 401, and persist the
//     update before answering 200. When the queue is full the request blocks.
//   - Handlers run each in its own goroutine (process_update.go: go r(...))
//     unless WithNotAsyncHandlers, so two updates from one chat may run
//     concurrently and out of order; nothing recovers a panic, which kills
//     the process (a panicking match function too: findHandler runs on the
//     worker goroutine). Serialise per chat and recover in a middleware.
//   - Start and StartWebhook (bot.go) return when the context ends without
//     waiting for running handlers, whose API calls then fail with
//     context.Canceled; track them for a graceful shutdown. Start does not
//     call deleteWebhook, and polling against a set webhook loops on 409
//     (get_updates.go backs off 100 ms doubling to 5 s, ignoring
//     retry_after); StartWebhook does not call setWebhook.
//   - Errors (raw_request.go): 400 wraps ErrorBadRequest (a group migration
//     gives *MigrateError), 403 wraps ErrorForbidden, 401, 404 and 409 wrap
//     their sentinels; 429 returns *TooManyRequestsError unwrapped, and
//     IsTooManyRequestsError (errors.go) is a type assertion that misses a
//     wrapped one, so use errors.As (TestTooManyRequestsWrapped). Any other
//     code, 5xx included, is a plain error with the code only in its text; a
//     non-JSON answer such as a proxy's 502 page is "error decode response
//     body"; a lost connection is "error do request" wrapping *url.Error
//     (token masked). The HTTP status is ignored: only the JSON error_code
//     counts. Treat everything that is not 400/401/403/404/409/429 as
//     retryable, and expect a retried send after a lost reply to be a
//     duplicate (FaultLostReply).
//   - Every call is a multipart form streamed through io.Pipe
//     (raw_request.go, build_request_form.go): nested values (reply_markup,
//     entities, link_preview_options, commands, scope) are JSON text in form
//     fields, a call without parameters has an empty body, and a nil ChatID
//     is sent as the text "null".
//   - Every inline button carries "copy_text":{"text":""}: CopyText is a
//     struct, not a pointer, so omitempty cannot drop it
//     (models/reply_markup.go). Telegram evidently ignores it next to
//     another action field (callback buttons sent with the library work), and
//     the fake does the same; a button with no action then fails with
//     BUTTON_COPY_TEXT_INVALID, as reported in the library's pull request
//     #167, instead of "text buttons are unallowed". An empty callback_data
//     counts as no action at all.
//   - CallbackQuery.Message is a MaybeInaccessibleMessage
//     (models/message.go): for a deleted or old message, Message.Message is
//     nil and InaccessibleMessage is set (TestCallbackOnDeletedMessage).
//   - MatchTypeCommand and MatchTypeCommandStartOnly slice the text with
//     entity offsets, which Telegram counts in UTF-16 units, as byte offsets
//     (handlers.go): a command after non-ASCII text is missed, and
//     "/start@botname" does not match "start"
//     (TestLibraryCommandMatchUsesByteOffsets).
//   - New calls getMe with a 5 s timeout and fails if Telegram is unreachable
//     (bot.go); WithSkipGetMe lets the process start without it. The default
//     HTTP client has a 60 s timeout for every call, long polls and sends
//     alike; give sends their own context deadline.
//   - The default errors handler writes with the standard log package,
//     including response bodies that may hold users' messages (bot.go,
//     raw_request.go); route it to slog with WithErrorsHandler.
//     FileDownloadLink embeds the token in the URL: never log it.
package telegramtest
