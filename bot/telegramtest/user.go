package telegramtest

import (
	"strconv"
	"strings"
	"unicode"
)

// The helpers below act as a user in their private chat with the bot: each
// registers the user (AddUser), adds the user's message to the chat with the
// chat's next message_id, queues the update and returns it.

// SendText sends text from u. Words starting with '/' get bot_command
// entities, as Telegram's clients produce them.
func (s *Server) SendText(u User, text string) Update {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, u := s.addUser(u)
	m := s.newMessage(c, u)
	m.Text, m.Entities = text, commandEntities(text)
	return s.push(Update{Message: m})
}

// SendCommand sends "/command args..." from u, such as
// SendCommand(u, "start", code) for a deep link.
func (s *Server) SendCommand(u User, command string, args ...string) Update {
	return s.SendText(u, strings.Join(append([]string{"/" + strings.TrimPrefix(command, "/")}, args...), " "))
}

// PressButton presses the inline button carrying data on the bot's message
// msgID in u's chat. The test fails (Errorf) if there is no such message or
// button; use ForgeCallback to send data no button carries. The bot should
// answer with answerCallbackQuery; see CallbackAnswer.
func (s *Server) PressButton(u User, msgID int, data string) Update {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, u := s.addUser(u)
	m := c.message(int64(msgID))
	if m == nil || m.Deleted || !m.hasCallbackData(data) {
		s.tb.Helper()
		s.tb.Errorf("telegramtest: PressButton: message %d in chat %d has no button with callback_data %q", msgID, u.ID, data)
		return Update{}
	}
	return s.callback(c, u, msgID, data)
}

// ForgeCallback sends a callback query with any data for message msgID, as
// a modified client might: the bot must treat callback data as untrusted
// input. A message that does not exist or was deleted arrives as an
// inaccessible message (date 0).
func (s *Server) ForgeCallback(u User, msgID int, data string) Update {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, u := s.addUser(u)
	return s.callback(c, u, msgID, data)
}

// callback queues a callback query on message msgID of c; a message that
// is missing or deleted is sent as inaccessible. Callers hold mu.
func (s *Server) callback(c *chat, u User, msgID int, data string) Update {
	s.nextQuery++
	id := strconv.FormatInt(u.ID, 10) + "-" + strconv.Itoa(s.nextQuery)
	s.queries[id] = &query{}
	msg := &Message{MessageID: msgID, Chat: c.chatInfo()}
	if m := c.message(int64(msgID)); m != nil && !m.Deleted {
		cp := *m
		msg = &cp
	}
	return s.push(Update{CallbackQuery: &CallbackQuery{
		ID: id, From: u, Message: msg, Data: data,
		ChatInstance: "ci-" + strconv.FormatInt(u.ID, 10),
	}})
}

// query is a callback query waiting for, or having, the bot's answer.
type query struct {
	answer *CallbackAnswer
}

// ShareContact sends a contact with phone from u. When contactUserID is u.ID
// the user shared their own contact (the request_contact button). Otherwise
// u forwarded someone else's contact: forward_origin is set and user_id is
// contactUserID, or left out when it is 0 (a contact not on Telegram, whose
// forward origin is a hidden user).
func (s *Server) ShareContact(u User, phone string, contactUserID int64) Update {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, u := s.addUser(u)
	m := s.newMessage(c, u)
	m.Contact = &Contact{PhoneNumber: phone, FirstName: u.FirstName, LastName: u.LastName, UserID: contactUserID}
	switch {
	case contactUserID == u.ID:
	case contactUserID != 0:
		m.Contact.FirstName, m.Contact.LastName = "Kontak", ""
		m.ForwardOrigin = &MessageOrigin{Type: "user", Date: m.Date, SenderUser: &User{ID: contactUserID, FirstName: "Kontak"}}
	default:
		m.Contact.FirstName, m.Contact.LastName = "Kontak", ""
		m.ForwardOrigin = &MessageOrigin{Type: "hidden_user", Date: m.Date, SenderUserName: "Kontak"}
	}
	return s.push(Update{Message: m})
}

// SendDocument sends a file from u; the bot can fetch it with getFile and
// the download URL. The test fails if the file cannot be stored.
func (s *Server) SendDocument(u User, name string, data []byte, caption string) Update {
	return s.sendFile(u, "document", name, data, caption)
}

// SendPhoto sends a GIF, JPEG or PNG image from u. The test fails if data is
// not such an image.
func (s *Server) SendPhoto(u User, data []byte, caption string) Update {
	return s.sendFile(u, "photo", "photo.jpg", data, caption)
}

// sendFile stores a user's file and queues the message carrying it.
func (s *Server) sendFile(u User, kind, name string, data []byte, caption string) Update {
	s.mu.Lock()
	defer s.mu.Unlock()
	f, aerr := s.newFile(kind, name, data)
	if aerr != nil {
		s.tb.Errorf("telegramtest: send %s: %s", kind, aerr.description)
		return Update{}
	}
	s.storeFile(f)
	c, u := s.addUser(u)
	m := s.newMessage(c, u)
	m.Caption = caption
	attach(m, f)
	return s.push(Update{Message: m})
}

// UserBlocksBot blocks the bot as u: later sends to u answer 403, and the
// bot gets the my_chat_member update (status "kicked") Telegram sends.
func (s *Server) UserBlocksBot(u User) Update {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, u := s.addUser(u)
	c.blocked = true
	return s.push(Update{MyChatMember: &ChatMemberUpdated{
		Chat: c.chatInfo(), From: u, Date: s.now().Unix(),
		OldChatMember: ChatMember{Status: "member", User: s.cfg.botUser},
		NewChatMember: ChatMember{Status: "kicked", User: s.cfg.botUser},
	}})
}

// commandEntities returns bot_command entities for each word of text that
// starts with '/' followed by a letter, offsets in UTF-16 units.
func commandEntities(text string) []MessageEntity {
	var ents []MessageEntity
	offset := 0
	start := -1
	startOffset := 0
	flush := func(end int, endOffset int) {
		if start >= 0 && end-start > 1 {
			ents = append(ents, MessageEntity{Type: "bot_command", Offset: startOffset, Length: endOffset - startOffset})
		}
		start = -1
	}
	prevSpace := true
	for i, r := range text {
		switch {
		case start >= 0 && !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' || r == '@'):
			flush(i, offset)
		case start < 0 && r == '/' && prevSpace:
			start, startOffset = i, offset
		}
		prevSpace = unicode.IsSpace(r)
		offset += utf16Len(string(r))
	}
	flush(len(text), offset)
	return ents
}
