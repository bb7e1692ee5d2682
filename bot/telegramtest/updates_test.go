package telegramtest

import (
	"bytes"
	"encoding/json"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestGetUpdatesOffsets(t *testing.T) {
	type fetch struct {
		offset, limit int64 // offset relative to the first id; 0 means none
		want          []int64
	}
	tests := []struct {
		name    string
		fetches []fetch
		pending int
	}{
		{"unconfirmed updates come again", []fetch{{0, 0, []int64{0, 1, 2}}, {0, 0, []int64{0, 1, 2}}}, 3},
		{"offset confirms the ones below it", []fetch{{2, 0, []int64{1, 2}}, {4, 0, []int64{}}}, 0},
		{"limit pages", []fetch{{0, 2, []int64{0, 1}}, {3, 2, []int64{2}}}, 1},
		{"negative offset keeps the last ones", []fetch{{-1, 0, []int64{2}}, {0, 0, []int64{2}}}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := testContext(t)
			fake := New(t, WithFirstUpdateID(500))
			for range 3 {
				fake.SendText(alice, "x")
			}
			for _, f := range tt.fetches {
				body := map[string]any{}
				switch {
				case f.offset > 0:
					body["offset"] = 500 + f.offset - 1
				case f.offset < 0:
					body["offset"] = f.offset
				}
				if f.limit > 0 {
					body["limit"] = f.limit
				}
				code, a := callJSON(t, ctx, fake, "getUpdates", body)
				want := []int64{}
				for _, w := range f.want {
					want = append(want, 500+w)
				}
				if code != http.StatusOK {
					t.Fatalf("getUpdates %v: %d %s", body, code, a.Description)
				}
				if diff := cmp.Diff(want, updateIDs(t, a.Result)); diff != "" {
					t.Errorf("getUpdates %v (-want +got):\n%s", body, diff)
				}
			}
			if got := fake.Pending(); got != tt.pending {
				t.Errorf("pending = %d, want %d", got, tt.pending)
			}
		})
	}
}

func TestGetUpdatesLongPoll(t *testing.T) {
	ctx := testContext(t)
	fake := New(t)
	type result struct {
		code int
		a    apiAnswer
	}
	poll := func() chan result {
		ch := make(chan result, 1)
		go func() {
			code, a := callJSON(t, ctx, fake, "getUpdates", map[string]any{"timeout": 10})
			ch <- result{code, a}
		}()
		return ch
	}

	first := poll()
	if err := fake.Wait(ctx, fake.Polling); err != nil {
		t.Fatal(err)
	}
	u := fake.SendText(alice, "bangun")
	r := <-first
	if diff := cmp.Diff([]int64{u.UpdateID}, updateIDs(t, r.a.Result)); r.code != http.StatusOK || diff != "" {
		t.Fatalf("long poll answered %d %s (-want +got):\n%s", r.code, r.a.Description, diff)
	}

	// A second poller ends a waiting one with 409, as Telegram does.
	_, _ = callJSON(t, ctx, fake, "getUpdates", map[string]any{"offset": u.UpdateID + 1})
	waiting := poll()
	if err := fake.Wait(ctx, fake.Polling); err != nil {
		t.Fatal(err)
	}
	newer := poll()
	r = <-waiting
	if r.code != http.StatusConflict || !strings.Contains(r.a.Description, "terminated by other getUpdates request") {
		t.Errorf("older poll answered %d %q, want 409 terminated", r.code, r.a.Description)
	}
	fake.SendText(alice, "lagi")
	if r := <-newer; r.code != http.StatusOK {
		t.Errorf("newer poll answered %d %q", r.code, r.a.Description)
	}

	start := time.Now()
	code, a := callJSON(t, ctx, fake, "getUpdates", map[string]any{"offset": u.UpdateID + 2, "timeout": 1})
	if code != http.StatusOK || string(a.Result) != "[]" || time.Since(start) < 900*time.Millisecond {
		t.Errorf("empty long poll: %d %s after %v", code, a.Result, time.Since(start))
	}
}

func TestRequestEncodings(t *testing.T) {
	markup := `{"inline_keyboard":[[{"text":"Ya","callback_data":"y"}]]}`
	var multi bytes.Buffer
	mw := multipart.NewWriter(&multi)
	_ = mw.WriteField("chat_id", "4201")
	_ = mw.WriteField("text", "multipart")
	_ = mw.WriteField("reply_markup", markup)
	_ = mw.Close()
	form := url.Values{"chat_id": {"4201"}, "text": {"urlencoded"}, "reply_markup": {markup}}

	tests := []struct {
		name        string
		path        string // after /bot<token>/
		contentType string
		body        string
		wantText    string
	}{
		{"json with an object markup", "sendMessage", "application/json",
			`{"chat_id":4201,"text":"json","reply_markup":` + markup + `}`, "json"},
		{"json with a string markup", "sendMessage", "application/json",
			`{"chat_id":"4201","text":"json string","reply_markup":` + strings.Trim(mustJSON(t, markup), "\n") + `}`, "json string"},
		{"urlencoded", "sendMessage", "application/x-www-form-urlencoded", form.Encode(), "urlencoded"},
		{"multipart", "sendMessage", mw.FormDataContentType(), multi.String(), "multipart"},
		{"query string", "sendMessage?chat_id=4201&text=query&reply_markup=" + url.QueryEscape(markup), "", "", "query"},
		{"case-insensitive method", "SENDMESSAGE?chat_id=4201&text=upper&reply_markup=" + url.QueryEscape(markup), "", "", "upper"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fake := New(t)
			fake.AddUser(alice)
			code, a := call(t, testContext(t), fake.URL()+"/bot"+fake.Token()+"/"+tt.path, tt.contentType, []byte(tt.body))
			if code != http.StatusOK || !a.OK {
				t.Fatalf("answer %d %s", code, a.Description)
			}
			var m Message
			if err := json.Unmarshal(a.Result, &m); err != nil {
				t.Fatal(err)
			}
			want := &InlineKeyboardMarkup{InlineKeyboard: [][]InlineKeyboardButton{{{Text: "Ya", CallbackData: "y"}}}}
			if m.Text != tt.wantText || m.Chat.ID != alice.ID || m.MessageID != 1 || !cmp.Equal(want, m.ReplyMarkup) {
				t.Errorf("result = %+v", m)
			}
		})
	}
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestRoutingErrors(t *testing.T) {
	fake := New(t)
	tests := []struct {
		name     string
		path     string
		wantCode int
		wantBody string
	}{
		{"wrong token", "/bot123:nope/getMe", 401, `{"description":"Unauthorized","error_code":401,"ok":false}`},
		{"unknown method", "/bot" + fake.Token() + "/sendSticker", 404, `{"description":"Not Found","error_code":404,"ok":false}`},
		{"no method", "/bot" + fake.Token() + "/", 404, `{"description":"Not Found","error_code":404,"ok":false}`},
		{"wrong token for a file", "/file/bot123:nope/documents/x", 401, `{"description":"Unauthorized","error_code":401,"ok":false}`},
		{"unknown file", "/file/bot" + fake.Token() + "/documents/x", 404, `{"description":"Not Found","error_code":404,"ok":false}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, err := http.Post(fake.URL()+tt.path, "", nil)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			var buf bytes.Buffer
			_, _ = buf.ReadFrom(resp.Body)
			if resp.StatusCode != tt.wantCode || strings.TrimSpace(buf.String()) != tt.wantBody {
				t.Errorf("got %d %s, want %d %s", resp.StatusCode, buf.String(), tt.wantCode, tt.wantBody)
			}
		})
	}
}

func TestAllowedUpdates(t *testing.T) {
	ctx := testContext(t)
	fake := New(t)
	fake.AddUser(alice)
	_, a := callJSON(t, ctx, fake, "sendMessage", map[string]any{"chat_id": alice.ID, "text": "Pilih", "reply_markup": map[string]any{
		"inline_keyboard": [][]map[string]any{{{"text": "Ya", "callback_data": "y"}}}}})
	var m Message
	if err := json.Unmarshal(a.Result, &m); err != nil {
		t.Fatal(err)
	}
	before := fake.SendText(alice, "dibuat sebelum allowed_updates")

	callJSON(t, ctx, fake, "getUpdates", map[string]any{"allowed_updates": []string{"callback_query"}})
	if u := fake.SendText(alice, "tidak diizinkan"); u.UpdateID != 0 {
		t.Errorf("an excluded update got id %d", u.UpdateID)
	}
	press := fake.PressButton(alice, m.MessageID, "y")
	_, a = callJSON(t, ctx, fake, "getUpdates", map[string]any{})
	if diff := cmp.Diff([]int64{before.UpdateID, press.UpdateID}, updateIDs(t, a.Result)); diff != "" {
		t.Errorf("updates (-want +got):\n%s", diff)
	}
}
