import { describe, expect, it } from 'vitest';
import {
  chatbotConversationsPatch,
  chatbotConversationsProblems,
  chooseUnansweredChatbot,
  formOf,
  sameChatbotConversations,
} from './chatbotConversations';

describe('chatbot conversation settings', () => {
  it('reads saved settings, with the defaults where they are missing', () => {
    expect(formOf({})).toEqual({ inactivity: 30, unanswered: null });
    expect(formOf({ inactivityTimeoutMinutes: 45, unansweredChatbot: { chatbotId: 'b1', afterSeconds: 90 } })).toEqual({
      inactivity: 45,
      unanswered: { chatbotId: 'b1', afterSeconds: 90 },
    });
  });

  it('checks the limits the server keeps', () => {
    expect(chatbotConversationsProblems({ inactivity: 30, unanswered: null })).toEqual({});
    expect(chatbotConversationsProblems({ inactivity: 1440, unanswered: { chatbotId: 'b', afterSeconds: 10 } })).toEqual({});
    expect(chatbotConversationsProblems({ inactivity: 0, unanswered: null })).toEqual({ inactivity: 'Between 1 and 1,440 minutes' });
    expect(chatbotConversationsProblems({ inactivity: 1.5, unanswered: null })).toEqual({ inactivity: 'Whole minutes only' });
    expect(chatbotConversationsProblems({ inactivity: null, unanswered: { chatbotId: '', afterSeconds: 3601 } })).toEqual({
      inactivity: 'Enter a number of minutes',
      chatbotId: 'Choose a chatbot',
      afterSeconds: 'Between 10 and 3,600 seconds',
    });
  });

  it('patches only what changed', () => {
    const saved = formOf({ inactivityTimeoutMinutes: 30, unansweredChatbot: { chatbotId: 'b1', afterSeconds: 60 } });
    expect(chatbotConversationsPatch(saved, saved)).toEqual({});
    expect(sameChatbotConversations(saved, { ...saved })).toBe(true);
    expect(chatbotConversationsPatch({ ...saved, inactivity: 10 }, saved)).toEqual({ inactivityTimeoutMinutes: 10 });
    expect(chatbotConversationsPatch(chooseUnansweredChatbot(saved, ''), saved)).toEqual({ unansweredChatbot: null });
    expect(chatbotConversationsPatch(chooseUnansweredChatbot(saved, 'b2'), saved)).toEqual({ unansweredChatbot: { chatbotId: 'b2', afterSeconds: 60 } });
  });

  it('starts the seconds at the default when a chatbot is picked', () => {
    expect(chooseUnansweredChatbot(formOf({}), 'b1').unanswered).toEqual({ chatbotId: 'b1', afterSeconds: 60 });
  });
});
